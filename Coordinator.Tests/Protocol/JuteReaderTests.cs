using System.Buffers;
using Coordinator.Protocol;
using Coordinator.Protocol.Jute;

namespace Coordinator.Tests.Protocol;

public sealed class JuteReaderTests
{
    [Fact]
    public void Primitives_are_read_big_endian()
    {
        var reader = new JuteReader(Hex.Bytes("7f 01 02 03 04 ff ff ff ff ff ff ff fe"));

        Assert.Equal(0x7f, reader.ReadByte());
        Assert.Equal(0x01020304, reader.ReadInt());
        Assert.Equal(-2L, reader.ReadLong());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Any_non_zero_byte_reads_as_true()
    {
        var reader = new JuteReader([0, 1, 2, 0xff]);

        Assert.False(reader.ReadBool());
        Assert.True(reader.ReadBool());
        Assert.True(reader.ReadBool());
        Assert.True(reader.ReadBool());
    }

    [Fact]
    public void Null_and_empty_strings_stay_distinct()
    {
        var reader = new JuteReader(Hex.Bytes("ff ff ff ff  00 00 00 00  00 00 00 02 2f 61"));

        Assert.Null(reader.ReadString());
        Assert.Equal("", reader.ReadString());
        Assert.Equal("/a", reader.ReadString());
    }

    [Fact]
    public void Null_and_empty_buffers_stay_distinct_through_a_round_trip()
    {
        var bytes = Encode((ref JuteWriter w) =>
        {
            w.WriteBuffer((byte[]?)null);
            w.WriteBuffer(Array.Empty<byte>());
            w.WriteBuffer(new byte[] { 9 });
        });
        Assert.Equal(Hex.Bytes("ff ff ff ff  00 00 00 00  00 00 00 01 09"), bytes);

        var reader = new JuteReader(bytes);
        Assert.Null(reader.ReadBuffer());
        Assert.Equal(Array.Empty<byte>(), reader.ReadBuffer());
        Assert.Equal(new byte[] { 9 }, reader.ReadBuffer());
    }

    [Fact]
    public void Null_string_is_written_as_minus_one()
    {
        Assert.Equal(Hex.Bytes("ff ff ff ff"), Encode((ref JuteWriter w) => w.WriteString(null)));
    }

    [Fact]
    public void Kazoo_null_strings_read_as_empty_where_a_record_wants_a_string()
    {
        var reader = new JuteReader(Hex.Bytes("ff ff ff ff  00 00 00 02 ff ff ff ff ff ff ff ff"));

        Assert.Equal("", reader.ReadStringOrEmpty());
        Assert.Equal(["", ""], reader.ReadStringVector());
    }

    [Fact]
    public void Invalid_utf8_is_decoded_leniently()
    {
        // A Java CESU-8 encoded surrogate (ED A0 80) is not valid UTF-8; it must not throw.
        var reader = new JuteReader(Hex.Bytes("00 00 00 05 2f ed a0 80 61"));

        var text = reader.ReadString();

        Assert.NotNull(text);
        Assert.StartsWith("/", text);
        Assert.EndsWith("a", text);
    }

    [Fact]
    public void Non_ascii_text_round_trips_as_utf8()
    {
        var bytes = Encode((ref JuteWriter w) => w.WriteString("/zürich/東京"));
        var reader = new JuteReader(bytes);

        Assert.Equal("/zürich/東京", reader.ReadString());
    }

    [Theory]
    [InlineData("00 00 00")]                           // int cut short
    [InlineData("00 00 00 05 61 62")]                  // string longer than the body
    [InlineData("ff ff ff fe")]                        // negative length other than -1
    [InlineData("80 00 00 00")]                        // int.MinValue length
    [InlineData("7f ff ff ff 00")]                     // huge length
    public void Malformed_strings_throw_JuteException(string hex)
    {
        var bytes = Hex.Bytes(hex);

        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadString());
        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadBuffer());
    }

    [Fact]
    public void A_length_above_the_limit_is_rejected_even_when_the_bytes_are_there()
    {
        var bytes = Hex.Bytes("00 00 00 05 61 62 63 64 65");

        var e = Assert.Throws<JuteException>(() => new JuteReader(bytes, maxLength: 4).ReadString());
        Assert.Contains("limit", e.Message);
    }

    [Theory]
    [InlineData("7f ff ff ff")]                        // count far beyond the body
    [InlineData("00 00 00 03 00 00 00 00 00 00 00 00")] // three strings cannot fit in 8 bytes
    [InlineData("ff ff ff f0")]                        // negative count
    public void Impossible_vector_counts_throw_before_allocating(string hex)
    {
        var bytes = Hex.Bytes(hex);

        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadStringVector());
        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadAclVector());
    }

    [Fact]
    public void A_null_vector_reads_as_empty()
    {
        Assert.Empty(new JuteReader(Hex.Bytes("ff ff ff ff")).ReadStringVector());
        Assert.Empty(new JuteReader(Hex.Bytes("ff ff ff ff")).ReadAclVector());
    }

    [Fact]
    public void Stat_is_68_bytes_in_declaration_order()
    {
        var stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

        var bytes = Encode((ref JuteWriter w) => w.WriteStat(stat));

        Assert.Equal(Stat.WireSize, bytes.Length);
        Assert.Equal(Hex.Bytes(
            "00 00 00 00 00 00 00 01  00 00 00 00 00 00 00 02  00 00 00 00 00 00 00 03  00 00 00 00 00 00 00 04" +
            "00 00 00 05  00 00 00 06  00 00 00 07  00 00 00 00 00 00 00 08  00 00 00 09  00 00 00 0a" +
            "00 00 00 00 00 00 00 0b"), bytes);
        Assert.Equal(stat, new JuteReader(bytes).ReadStat());
    }

    [Fact]
    public void Acl_is_perms_then_scheme_then_id()
    {
        var bytes = Encode((ref JuteWriter w) => w.WriteAcl(new Acl(Perms.All, Id.Anyone)));

        Assert.Equal(Hex.Bytes("00 00 00 1f  00 00 00 05 \"world\"  00 00 00 06 \"anyone\""), bytes);
        Assert.Equal(new Acl(Perms.All, Id.Anyone), new JuteReader(bytes).ReadAcl());
    }

    private delegate void WriteAction(ref JuteWriter writer);

    private static byte[] Encode(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(buffer);
        write(ref writer);
        Assert.Equal(buffer.WrittenCount, writer.Written);
        return buffer.WrittenSpan.ToArray();
    }
}
