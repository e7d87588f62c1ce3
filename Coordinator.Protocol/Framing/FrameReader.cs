using System.Buffers;
using System.IO.Pipelines;
using Coordinator.Protocol.Jute;

namespace Coordinator.Protocol.Framing;

/// <summary>
/// Reads length-prefixed frames from a <see cref="PipeReader"/>. An oversized or negative length is
/// rejected as soon as its 4 bytes arrive, so a hostile peer cannot make us hold a large body.
/// </summary>
public sealed class FrameReader(PipeReader input, int maxFrameSize = JuteLimits.DefaultMaxBuffer)
{
    public int MaxFrameSize { get; } = maxFrameSize;

    /// <summary>
    /// The next frame, or null when the peer closed the stream cleanly between frames.
    /// </summary>
    /// <exception cref="FrameTooLargeException">The length prefix is negative or above <see cref="MaxFrameSize"/>.</exception>
    /// <exception cref="FrameException">The stream ended in the middle of a frame.</exception>
    public async ValueTask<Frame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            switch (FrameParser.TryReadFrame(ref buffer, MaxFrameSize, out var body, out var declaredLength))
            {
                case FrameStatus.Complete:
                    var frame = new Frame(body);
                    input.AdvanceTo(buffer.Start);
                    return frame;
                case FrameStatus.TooLarge:
                    input.AdvanceTo(buffer.Start);
                    throw new FrameTooLargeException(declaredLength, MaxFrameSize);
            }

            ThrowIfCanceled(result, buffer);
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                input.AdvanceTo(buffer.End);
                return leftover == 0 ? null : throw new FrameException($"Stream ended inside a frame ({leftover} bytes left over).");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// For the start of a connection: if its first 4 bytes are a known four-letter word, consumes them and
    /// returns the command; otherwise consumes nothing and returns null, so the bytes are read as a frame.
    /// </summary>
    public async ValueTask<FourLetterWord?> TryReadFourLetterWordAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameParser.TryReadInt(buffer, out var first))
            {
                if (FourLetterWords.TryParse(first, out var command))
                {
                    input.AdvanceTo(buffer.GetPosition(FrameParser.LengthPrefixSize));
                    return command;
                }

                input.AdvanceTo(buffer.Start);
                return null;
            }

            ThrowIfCanceled(result, buffer);
            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start);
                return null;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // CancelPendingRead ends the wait without data; the bytes stay buffered for a later read.
    private void ThrowIfCanceled(ReadResult result, ReadOnlySequence<byte> buffer)
    {
        if (result.IsCanceled)
        {
            input.AdvanceTo(buffer.Start, buffer.End);
            throw new OperationCanceledException("The pending read was cancelled.");
        }
    }
}
