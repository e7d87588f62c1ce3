using System.Buffers;
using System.Buffers.Binary;
using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Framing;

/// <summary>
/// Writes whole frames: the body is serialised once into a pooled scratch buffer with room for the
/// length prefix, the prefix is filled in, and the frame is copied to the output in one piece (so a
/// reader never sees a half-written frame and the output needs no rewind support).
/// </summary>
public static class FrameWriter
{
    /// <summary>A frame with no header: ConnectRequest / ConnectResponse.</summary>
    public static void Write(IBufferWriter<byte> output, IJuteWritable record)
    {
        using var scratch = new PooledBufferWriter();
        var writer = StartFrame(scratch);
        record.Write(ref writer);
        Finish(output, scratch);
    }

    /// <summary>A header (RequestHeader or ReplyHeader) followed by an optional body record.</summary>
    public static void Write<THeader>(IBufferWriter<byte> output, in THeader header, IJuteWritable? body)
        where THeader : struct, IJuteWritable
    {
        using var scratch = new PooledBufferWriter();
        var writer = StartFrame(scratch);
        header.Write(ref writer);
        body?.Write(ref writer);
        Finish(output, scratch);
    }

    /// <summary>A header and optional body as one exactly sized frame, for a writer that queues whole frames.</summary>
    public static byte[] ToArray<THeader>(in THeader header, IJuteWritable? body)
        where THeader : struct, IJuteWritable
    {
        using var scratch = new PooledBufferWriter();
        var writer = StartFrame(scratch);
        header.Write(ref writer);
        body?.Write(ref writer);
        return FinishToArray(scratch);
    }

    /// <summary>A frame with no header (ConnectResponse) as one exactly sized array.</summary>
    public static byte[] ToArray(IJuteWritable record)
    {
        using var scratch = new PooledBufferWriter();
        var writer = StartFrame(scratch);
        record.Write(ref writer);
        return FinishToArray(scratch);
    }

    private static byte[] FinishToArray(PooledBufferWriter scratch)
    {
        var frame = scratch.WrittenSpan;
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - FrameParser.LengthPrefixSize);
        return frame.ToArray();
    }

    private static JuteWriter StartFrame(PooledBufferWriter scratch)
    {
        scratch.Advance(FrameParser.LengthPrefixSize);
        return new JuteWriter(scratch);
    }

    private static void Finish(IBufferWriter<byte> output, PooledBufferWriter scratch)
    {
        var frame = scratch.WrittenSpan;
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - FrameParser.LengthPrefixSize);
        output.Write(frame);
    }
}
