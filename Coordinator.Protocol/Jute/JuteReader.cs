using System.Buffers.Binary;
using System.Text;

namespace Coordinator.Protocol.Jute;

/// <summary>
/// Reads big-endian jute fields from a body. Every length is checked against the bytes that remain and
/// against <see cref="MaxLength"/> before anything is allocated, so hostile input costs nothing and
/// always ends in a <see cref="JuteException"/>.
/// </summary>
public ref partial struct JuteReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public JuteReader(ReadOnlySpan<byte> buffer, int maxLength = JuteLimits.DefaultMaxBuffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        _buffer = buffer;
        MaxLength = maxLength;
    }

    /// <summary>Largest string, buffer or vector length accepted.</summary>
    public int MaxLength { get; }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly int Position => _position;

    public byte ReadByte() => Take(1, "byte")[0];

    /// <summary>Any non-zero byte is true, as in ZooKeeper's reader.</summary>
    public bool ReadBool() => Take(1, "boolean")[0] != 0;

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "int"));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "long"));

    /// <summary>A ustring; length -1 is null. Invalid UTF-8 (e.g. Java's CESU-8 surrogates) is replaced, not rejected.</summary>
    public string? ReadString()
    {
        var length = ReadLength("ustring");
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length, "ustring"));
    }

    /// <summary>A ustring where null means "" (kazoo sends "" as null); what every record path field uses.</summary>
    public string ReadStringOrEmpty() => ReadString() ?? "";

    /// <summary>A buffer; length -1 is null and stays distinct from an empty buffer.</summary>
    public byte[]? ReadBuffer()
    {
        var length = ReadLength("buffer");
        return length < 0 ? null : Take(length, "buffer").ToArray();
    }

    /// <summary>A vector of ustrings. A null vector (count -1) reads as empty; null elements read as "".</summary>
    public IReadOnlyList<string> ReadStringVector()
    {
        var count = ReadVectorCount(minElementSize: 4);
        if (count <= 0)
        {
            return [];
        }

        var items = new string[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ReadStringOrEmpty();
        }

        return items;
    }

    /// <summary>
    /// Reads a vector count and checks it can fit: every element takes at least
    /// <paramref name="minElementSize"/> bytes, so a count larger than that allows is rejected up front.
    /// Returns -1 for a null vector.
    /// </summary>
    public int ReadVectorCount(int minElementSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minElementSize, 1);
        var count = ReadInt();
        if (count == -1)
        {
            return -1;
        }

        if (count < 0)
        {
            throw new JuteException($"Negative vector count {count}.");
        }

        if (count > MaxLength || count > Remaining / minElementSize)
        {
            throw new JuteException($"Vector count {count} cannot fit in the {Remaining} bytes that remain.");
        }

        return count;
    }

    private int ReadLength(string what)
    {
        var length = ReadInt();
        if (length == -1)
        {
            return -1;
        }

        if (length < 0)
        {
            throw new JuteException($"Negative {what} length {length}.");
        }

        if (length > MaxLength)
        {
            throw new JuteException($"{what} length {length} exceeds the limit of {MaxLength} bytes.");
        }

        if (length > Remaining)
        {
            throw new JuteException($"{what} length {length} exceeds the {Remaining} bytes that remain.");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw new JuteException($"Body ends inside a {what}: need {count} bytes, {Remaining} remain.");
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
