using System.Collections;

namespace Coordinator.Protocol.Jute;

/// <summary>
/// An immutable list of strings that keeps its own jute vector encoding once computed, so a list sent
/// many times unchanged (a large child list read over and over) is encoded once and then copied as
/// bytes. Safe to share between threads: the encoding is computed at most a few times, always to the
/// same bytes.
/// </summary>
public sealed class EncodedStringVector : IReadOnlyList<string>
{
    private readonly string[] _values;
    private byte[]? _encoded;

    /// <summary>Takes ownership of <paramref name="values"/>; the caller must not change it afterwards.</summary>
    public EncodedStringVector(string[] values)
    {
        _values = values;
    }

    public int Count => _values.Length;

    public string this[int index] => _values[index];

    /// <summary>The whole vector as jute writes it: the count, then each string with its length.</summary>
    public ReadOnlySpan<byte> Encoded => Volatile.Read(ref _encoded) ?? Encode();

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private byte[] Encode()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4 + (_values.Length * 16));
        var writer = new JuteWriter(buffer);
        writer.WriteStringVectorItems(_values);
        var encoded = buffer.WrittenSpan.ToArray();
        Volatile.Write(ref _encoded, encoded);
        return encoded;
    }
}
