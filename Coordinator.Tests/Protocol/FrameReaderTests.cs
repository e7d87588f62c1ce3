using System.Buffers;
using System.IO.Pipelines;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Protocol;

public sealed class FrameReaderTests
{
    private static readonly byte[] Ping = Hex.Bytes("00 00 00 08  ff ff ff fe  00 00 00 0b");
    private static readonly byte[] GetData = Hex.Bytes("00 00 00 0f  00 00 00 01  00 00 00 04  00 00 00 02 2f 61  01");

    [Fact]
    public async Task Many_frames_in_one_write_are_read_one_by_one()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Ping.Concat(GetData).Concat(Ping).ToArray());
        await pipe.Writer.CompleteAsync();
        var reader = new FrameReader(pipe.Reader);

        Assert.Equal(Ping[4..], await ReadBody(reader));
        Assert.Equal(GetData[4..], await ReadBody(reader));
        Assert.Equal(Ping[4..], await ReadBody(reader));
        Assert.Null(await reader.ReadFrameAsync());
    }

    [Fact]
    public async Task A_frame_arriving_one_byte_at_a_time_is_reassembled()
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);

        var read = reader.ReadFrameAsync().AsTask();
        foreach (var b in GetData[..^1])
        {
            await pipe.Writer.WriteAsync(new[] { b });
            Assert.False(read.IsCompleted);
        }

        await pipe.Writer.WriteAsync(GetData[^1..]);

        using var frame = await read;
        Assert.NotNull(frame);
        Assert.Equal(GetData[4..], frame.Span.ToArray());
    }

    [Fact]
    public async Task A_frame_split_across_writes_with_the_next_frame_attached_reads_both()
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var stream = GetData.Concat(Ping).ToArray();

        await pipe.Writer.WriteAsync(stream[..6]);
        var first = reader.ReadFrameAsync().AsTask();
        await pipe.Writer.WriteAsync(stream[6..20]);
        Assert.Equal(GetData[4..], (await first)!.Span.ToArray());
        var second = reader.ReadFrameAsync().AsTask();
        await pipe.Writer.WriteAsync(stream[20..]);

        Assert.Equal(Ping[4..], (await second)!.Span.ToArray());
    }

    [Theory]
    [InlineData("7f ff ff ff")]   // 2 GiB
    [InlineData("00 10 00 00")]   // one byte over jute.maxbuffer
    [InlineData("ff ff ff ff")]   // -1
    [InlineData("80 00 00 00")]   // int.MinValue
    public async Task An_out_of_range_length_is_rejected_from_its_prefix_alone(string prefix)
    {
        var pipe = new Pipe();
        // Only the 4 length bytes are sent and the stream stays open: the reader must not wait for a body.
        await pipe.Writer.WriteAsync(Hex.Bytes(prefix));
        var reader = new FrameReader(pipe.Reader);

        var e = await Assert.ThrowsAsync<FrameTooLargeException>(() => reader.ReadFrameAsync().AsTask());

        Assert.Equal(JuteLimits.DefaultMaxBuffer, e.MaxFrameSize);
    }

    [Fact]
    public async Task The_maximum_frame_size_is_configurable_and_inclusive()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Ping);
        await pipe.Writer.WriteAsync(GetData);

        Assert.NotNull(await new FrameReader(pipe.Reader, maxFrameSize: 8).ReadFrameAsync());
        var e = await Assert.ThrowsAsync<FrameTooLargeException>(() => new FrameReader(pipe.Reader, maxFrameSize: 8).ReadFrameAsync().AsTask());
        Assert.Equal(15, e.DeclaredLength);
    }

    [Theory]
    [InlineData("00 00")]
    [InlineData("00 00 00 08 ff ff")]
    public async Task A_stream_ending_inside_a_frame_is_a_FrameException(string bytes)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Hex.Bytes(bytes));
        await pipe.Writer.CompleteAsync();

        var e = await Assert.ThrowsAsync<FrameException>(() => new FrameReader(pipe.Reader).ReadFrameAsync().AsTask());

        Assert.IsNotType<FrameTooLargeException>(e);
    }

    [Fact]
    public async Task A_zero_length_frame_is_an_empty_body()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[4]);

        using var frame = await new FrameReader(pipe.Reader).ReadFrameAsync();

        Assert.Equal(0, frame!.Length);
    }

    [Theory]
    [InlineData("ruok", FourLetterWord.Ruok)]
    [InlineData("srvr", FourLetterWord.Srvr)]
    [InlineData("stat", FourLetterWord.Stat)]
    [InlineData("mntr", FourLetterWord.Mntr)]
    [InlineData("conf", FourLetterWord.Conf)]
    [InlineData("cons", FourLetterWord.Cons)]
    [InlineData("wchs", FourLetterWord.Wchs)]
    [InlineData("dump", FourLetterWord.Dump)]
    [InlineData("envi", FourLetterWord.Envi)]
    [InlineData("isro", FourLetterWord.Isro)]
    public async Task A_four_letter_word_at_the_start_of_a_connection_is_recognised(string text, FourLetterWord expected)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text + "\n"));

        var command = await new FrameReader(pipe.Reader).TryReadFourLetterWordAsync();

        Assert.Equal(expected, command);
        Assert.Equal(text, command!.Value.Name());
        var rest = await pipe.Reader.ReadAsync();
        Assert.Equal("\n"u8.ToArray(), rest.Buffer.ToArray());
    }

    [Fact]
    public async Task A_connect_frame_is_not_taken_for_a_four_letter_word_and_stays_readable()
    {
        var pipe = new Pipe();
        var reader = new FrameReader(pipe.Reader);
        var connect = new ArrayBufferWriter<byte>();
        FrameWriter.Write(connect, new ConnectRequest(0, 0, 30000, 0, new byte[16], false));

        var check = reader.TryReadFourLetterWordAsync().AsTask();
        await pipe.Writer.WriteAsync(connect.WrittenMemory[..2]);
        Assert.False(check.IsCompleted);
        await pipe.Writer.WriteAsync(connect.WrittenMemory[2..]);

        Assert.Null(await check);
        using var frame = await reader.ReadFrameAsync();
        Assert.Equal(30000, JuteCodec.Decode<ConnectRequest>(frame!.Span).TimeOut);
    }

    [Fact]
    public async Task A_connection_closed_before_four_bytes_is_no_four_letter_word()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("ru"u8.ToArray());
        await pipe.Writer.CompleteAsync();

        Assert.Null(await new FrameReader(pipe.Reader).TryReadFourLetterWordAsync());
    }

    [Fact]
    public void Unknown_and_telnet_words_are_not_four_letter_words()
    {
        Assert.False(FourLetterWords.TryParse(0x72756f6c, out _)); // "ruol"
        Assert.False(FourLetterWords.TryParse(45, out _));
        Assert.True(FourLetterWords.TryParse(0x656e7669, out var envi));
        Assert.Equal(FourLetterWord.Envi, envi);
    }

    [Fact]
    public async Task Frames_written_by_the_frame_writer_read_back_through_a_pipe()
    {
        // No back-pressure: both frames are written before anything reads them.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var big = new byte[200_000];
        for (var i = 0; i < big.Length; i++)
        {
            big[i] = (byte)(i % 251);
        }
        var reply = new GetDataResponse(big, new Stat(1, 2, 3, 4, 5, 6, 7, 8, big.Length, 0, 9));
        FrameWriter.Write(pipe.Writer, new ReplyHeader(3, 9, ErrorCode.Ok), reply);
        FrameWriter.Write(pipe.Writer, new ReplyHeader(Xids.Ping, 9, ErrorCode.Ok), null);
        await pipe.Writer.FlushAsync();
        var reader = new FrameReader(pipe.Reader);

        using (var frame = await reader.ReadFrameAsync())
        {
            Assert.Equal(ReplyHeader.WireSize + 4 + big.Length + Stat.WireSize, frame!.Length);
            var body = frame.Span;
            Assert.Equal(new ReplyHeader(3, 9, ErrorCode.Ok), JuteCodec.Decode<ReplyHeader>(body));
            var decoded = Assert.IsType<GetDataResponse>(ResponseDecoder.Decode(OpCode.GetData, body[ReplyHeader.WireSize..]));
            Assert.Equal(big, decoded.Data);
        }

        using var ping = await reader.ReadFrameAsync();
        Assert.Equal(new ReplyHeader(Xids.Ping, 9, ErrorCode.Ok), JuteCodec.Decode<ReplyHeader>(ping!.Span));
    }

    private static async Task<byte[]?> ReadBody(FrameReader reader)
    {
        using var frame = await reader.ReadFrameAsync();
        return frame?.Span.ToArray();
    }
}
