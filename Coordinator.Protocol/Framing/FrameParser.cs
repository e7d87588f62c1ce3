using System.Buffers;
using System.Buffers.Binary;

namespace Coordinator.Protocol.Framing;

public enum FrameStatus
{
    /// <summary>A whole frame was cut off the front of the buffer.</summary>
    Complete,

    /// <summary>More bytes are needed; the buffer is untouched.</summary>
    Incomplete,

    /// <summary>The length prefix is negative or above the maximum; the connection must be closed.</summary>
    TooLarge,
}

/// <summary>
/// Cuts 4-byte big-endian length-prefixed frames off a byte sequence. Pure: no I/O, no allocation;
/// the body is a slice of the input, valid as long as the input is.
/// </summary>
public static class FrameParser
{
    public const int LengthPrefixSize = 4;

    /// <summary>
    /// Tries to take one frame off the front of <paramref name="buffer"/>. The length is checked as soon
    /// as its 4 bytes are present, before waiting for (or looking at) the body.
    /// </summary>
    public static FrameStatus TryReadFrame(
        ref ReadOnlySequence<byte> buffer,
        int maxFrameSize,
        out ReadOnlySequence<byte> body,
        out int declaredLength)
    {
        body = default;
        if (!TryReadInt(buffer, out declaredLength))
        {
            return FrameStatus.Incomplete;
        }

        if (declaredLength < 0 || declaredLength > maxFrameSize)
        {
            return FrameStatus.TooLarge;
        }

        if (buffer.Length - LengthPrefixSize < declaredLength)
        {
            return FrameStatus.Incomplete;
        }

        body = buffer.Slice(LengthPrefixSize, declaredLength);
        buffer = buffer.Slice(body.End);
        return FrameStatus.Complete;
    }

    /// <summary>Reads the first 4 bytes as a big-endian int, across segment boundaries if needed.</summary>
    public static bool TryReadInt(in ReadOnlySequence<byte> buffer, out int value)
    {
        if (buffer.Length < LengthPrefixSize)
        {
            value = 0;
            return false;
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        value = BinaryPrimitives.ReadInt32BigEndian(prefix);
        return true;
    }
}
