namespace Coordinator.Actors.Zab.Wire;

/// <summary>
/// A growable byte buffer that <see cref="PeerCodec.Encode(PeerMessage, FrameBuffer)"/> appends whole frames to, back to
/// back, so a link writes a batch of frames with one socket write and no per-frame array. Reuse it with
/// <see cref="Clear"/>; not thread-safe.
/// </summary>
public sealed class FrameBuffer(int initialCapacity = 256)
{
    private byte[] _bytes = new byte[Math.Max(16, initialCapacity)];

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>What was written, valid until the next write or <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    /// <summary>Forgets what was written; the capacity stays for the next batch.</summary>
    public void Clear() => Length = 0;

    /// <summary>A copy of what was written.</summary>
    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();

    /// <summary>Appends <paramref name="count"/> bytes and returns them to be filled in.</summary>
    internal Span<byte> Append(int count)
    {
        var end = Length + count;
        if (end > _bytes.Length)
        {
            var grown = new byte[Math.Max(end, (int)Math.Min(Array.MaxLength, 2L * _bytes.Length))];
            _bytes.AsSpan(0, Length).CopyTo(grown);
            _bytes = grown;
        }
        var span = _bytes.AsSpan(Length, count);
        Length = end;
        return span;
    }

    /// <summary>Already written bytes from <paramref name="start"/> on, to patch a header or checksum them.</summary>
    internal Span<byte> WrittenFrom(int start) => _bytes.AsSpan(start, Length - start);

    /// <summary>Drops everything written after <paramref name="length"/> (a frame that failed half way).</summary>
    internal void CutTo(int length) => Length = length;
}
