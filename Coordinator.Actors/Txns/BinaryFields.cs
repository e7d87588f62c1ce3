using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Coordinator.Protocol;

namespace Coordinator.Actors.Txns;

/// <summary>
/// Big-endian field writer shared by the txn codec and the tree snapshot.
/// Strings: i32 byte count + UTF-8. Buffers: i32 length (-1 = null) + bytes.
/// ACL lists: i32 count, then per entry i32 perms, string scheme, string id.
/// </summary>
internal readonly struct FieldWriter(IBufferWriter<byte> output)
{
    public void Byte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public void Int(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public void Long(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int(count);
        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(count));
        output.Advance(written);
    }

    public void Buffer(byte[]? value)
    {
        if (value is null)
        {
            Int(-1);
            return;
        }
        Int(value.Length);
        output.Write(value);
    }

    public void Acls(IReadOnlyList<Acl> acls)
    {
        Int(acls.Count);
        foreach (var acl in acls)
        {
            Int((int)acl.Perms);
            String(acl.Id.Scheme);
            String(acl.Id.Ident);
        }
    }
}

/// <summary>Reads what <see cref="FieldWriter"/> wrote; every overrun becomes a <see cref="CorruptRecordException"/>.</summary>
internal ref struct FieldReader(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;
    private int _position;

    public readonly bool AtEnd => _position == _input.Length;

    public readonly int Remaining => _input.Length - _position;

    public byte Byte() => Take(1)[0];

    public int Int() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Long() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string String()
    {
        var length = Length(allowNull: false);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw new CorruptRecordException($"invalid UTF-8 in string at offset {_position - length}");
        }
    }

    public byte[]? Buffer()
    {
        var length = Length(allowNull: true);
        return length < 0 ? null : Take(length).ToArray();
    }

    public IReadOnlyList<Acl> Acls()
    {
        // Each entry is at least 12 bytes, which bounds the count before allocating.
        var count = Count(minimumItemBytes: 12);
        var acls = new Acl[count];
        for (var i = 0; i < count; i++)
        {
            var perms = (Perms)Int();
            acls[i] = new Acl(perms, new Id(String(), String()));
        }
        return acls;
    }

    /// <summary>A list length, checked against the bytes left so a corrupt count cannot allocate wildly.</summary>
    public int Count(int minimumItemBytes)
    {
        var count = Int();
        if (count < 0 || (long)count * minimumItemBytes > Remaining)
        {
            throw new CorruptRecordException($"impossible element count {count} at offset {_position - 4}");
        }
        return count;
    }

    public readonly void ExpectEnd(string what)
    {
        if (!AtEnd)
        {
            throw new CorruptRecordException($"{Remaining} trailing bytes after {what}");
        }
    }

    private int Length(bool allowNull)
    {
        var length = Int();
        if ((length == -1 && allowNull) || (length >= 0 && length <= Remaining))
        {
            return length;
        }
        throw new CorruptRecordException($"impossible length {length} at offset {_position - 4}");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new CorruptRecordException($"truncated: needed {count} bytes at offset {_position}, {Remaining} left");
        }
        var slice = _input.Slice(_position, count);
        _position += count;
        return slice;
    }
}
