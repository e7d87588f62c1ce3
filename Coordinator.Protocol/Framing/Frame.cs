using System.Buffers;

namespace Coordinator.Protocol.Framing;

/// <summary>
/// One received frame body in a pooled buffer. Dispose it once decoded; the span is invalid afterwards.
/// </summary>
public sealed class Frame : IDisposable
{
    private byte[]? _rented;

    internal Frame(in ReadOnlySequence<byte> body)
    {
        Length = checked((int)body.Length);
        _rented = ArrayPool<byte>.Shared.Rent(Length);
        body.CopyTo(_rented);
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    private byte[] Buffer => _rented ?? throw new ObjectDisposedException(nameof(Frame));

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
