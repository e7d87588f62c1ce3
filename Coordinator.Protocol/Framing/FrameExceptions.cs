namespace Coordinator.Protocol.Framing;

/// <summary>The byte stream is not a valid sequence of frames; the connection should be closed.</summary>
public class FrameException(string message) : Exception(message);

/// <summary>A frame announced a negative length or one above the configured maximum. Nothing was buffered for it.</summary>
public sealed class FrameTooLargeException(int declaredLength, int maxFrameSize)
    : FrameException($"Frame length {declaredLength} is outside 0..{maxFrameSize}.")
{
    public int DeclaredLength { get; } = declaredLength;

    public int MaxFrameSize { get; } = maxFrameSize;
}
