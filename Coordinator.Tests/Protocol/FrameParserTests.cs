using System.Buffers;
using Coordinator.Protocol.Framing;

namespace Coordinator.Tests.Protocol;

public sealed class FrameParserTests
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }

    // One segment per byte: the worst case for a length prefix and a body split across segments.
    private static ReadOnlySequence<byte> ByteBySegment(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), null);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = new Segment(bytes.AsMemory(i, 1), last);
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    [Fact]
    public void Frames_spread_over_one_byte_segments_are_cut_exactly()
    {
        var bytes = Hex.Bytes("00 00 00 02 aa bb  00 00 00 00  00 00 00 01 cc  00 00");
        var buffer = ByteBySegment(bytes);

        Assert.Equal(FrameStatus.Complete, FrameParser.TryReadFrame(ref buffer, 10, out var first, out _));
        Assert.Equal(Hex.Bytes("aa bb"), first.ToArray());
        Assert.Equal(FrameStatus.Complete, FrameParser.TryReadFrame(ref buffer, 10, out var empty, out _));
        Assert.True(empty.IsEmpty);
        Assert.Equal(FrameStatus.Complete, FrameParser.TryReadFrame(ref buffer, 10, out var third, out _));
        Assert.Equal(Hex.Bytes("cc"), third.ToArray());
        Assert.Equal(FrameStatus.Incomplete, FrameParser.TryReadFrame(ref buffer, 10, out _, out _));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void An_incomplete_body_leaves_the_buffer_untouched()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Bytes("00 00 00 05 01 02"));

        Assert.Equal(FrameStatus.Incomplete, FrameParser.TryReadFrame(ref buffer, 10, out _, out var length));

        Assert.Equal(6, buffer.Length);
        Assert.Equal(5, length);
    }

    [Fact]
    public void An_oversized_length_is_reported_without_the_body()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Bytes("00 00 00 0b"));

        Assert.Equal(FrameStatus.TooLarge, FrameParser.TryReadFrame(ref buffer, 10, out _, out var length));
        Assert.Equal(11, length);
    }
}
