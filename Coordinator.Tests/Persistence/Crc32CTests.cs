using System.Text;
using Coordinator.Actors.Persistence;

namespace Coordinator.Tests.Persistence;

public sealed class Crc32CTests
{
    // Check value of the CRC-32C catalogue entry, and the iSCSI vectors of RFC 3720 appendix B.4.
    public static TheoryData<byte[], uint> Vectors => new()
    {
        { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        { [], 0x00000000 },
        { new byte[32], 0x8A9136AA },
        { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
        { Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794E },
        { Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5C },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Crc32C_matches_the_published_test_vectors(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.ComputeWithTable(data));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_every_length_and_alignment()
    {
        var random = new Random(20261121);
        var buffer = new byte[300];
        random.NextBytes(buffer);
        for (var start = 0; start < 9; start++)
            for (var length = 0; start + length <= buffer.Length; length += 7)
            {
                var slice = buffer.AsSpan(start, length);
                Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Compute(slice));
            }
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_txn_sized_buffers_at_every_alignment()
    {
        // Long enough for the interleaved streams (768-byte blocks) with every kind of tail after them.
        var random = new Random(20261122);
        var buffer = new byte[5000];
        random.NextBytes(buffer);
        foreach (var length in new[] { 767, 768, 769, 775, 1536, 2000, 4096, 4104, 4200, 4990 })
            for (var start = 0; start < 9; start++)
            {
                var slice = buffer.AsSpan(start, length);
                Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Compute(slice));
                Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, slice[..100]), slice[100..])));
            }
    }

    [Fact]
    public void Incremental_computation_equals_the_one_shot_value()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        var running = Crc32C.Append(Crc32C.Append(Crc32C.Start, data.AsSpan(0, 4)), data.AsSpan(4));
        Assert.Equal(0xE3069283u, Crc32C.Finish(running));
    }

    [Fact]
    public void Journal_row_checksum_covers_zxid_type_and_payload()
    {
        var entry = new JournalEntry(Persisted.Zxid(1, 5), 2, new byte[] { 1, 2, 3 });
        var original = entry.ComputeChecksum();
        Assert.NotEqual(original, (entry with { Zxid = Persisted.Zxid(1, 6) }).ComputeChecksum());
        Assert.NotEqual(original, (entry with { TxnType = 3 }).ComputeChecksum());
        Assert.NotEqual(original, (entry with { Payload = new byte[] { 1, 2, 4 } }).ComputeChecksum());
    }
}
