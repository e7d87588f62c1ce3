using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Coordinator.Protocol.Jute;

/// <summary>Writes big-endian jute fields straight into an <see cref="IBufferWriter{T}"/>.</summary>
public ref partial struct JuteWriter
{
    private readonly IBufferWriter<byte> _output;

    public JuteWriter(IBufferWriter<byte> output)
    {
        _output = output;
    }

    /// <summary>Bytes written through this writer so far.</summary>
    public int Written { get; private set; }

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        Advance(1);
    }

    /// <summary>Writes 1 for true and 0 for false.</summary>
    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes a ustring as standard UTF-8; null is written as length -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = _output.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        Advance(4 + length);
    }

    /// <summary>Writes a buffer; null is written as length -1, empty as length 0.</summary>
    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        WriteBuffer(value.AsSpan());
    }

    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a vector of strings; an <see cref="EncodedStringVector"/> is copied from its cached bytes.</summary>
    public void WriteStringVector(IReadOnlyList<string> values)
    {
        if (values is EncodedStringVector encoded)
        {
            WriteRaw(encoded.Encoded);
            return;
        }
        WriteStringVectorItems(values);
    }

    internal void WriteStringVectorItems(IReadOnlyList<string> values)
    {
        WriteInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            WriteString(values[i]);
        }
    }

    /// <summary>Copies bytes without a length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(_output.GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        Written += count;
    }
}
