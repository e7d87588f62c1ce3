namespace Coordinator.Protocol.Jute;

/// <summary>Whole-body helpers over <see cref="IJuteRecord{TSelf}"/>.</summary>
public static class JuteCodec
{
    /// <summary>Decodes one record from a body; trailing bytes are ignored, as ZooKeeper does.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> body, int maxLength = JuteLimits.DefaultMaxBuffer)
        where T : IJuteRecord<T>
    {
        var reader = new JuteReader(body, maxLength);
        return T.Read(ref reader);
    }

    /// <summary>Encodes a record into a new array (tests and cold paths; hot paths write into a buffer writer).</summary>
    public static byte[] Encode<T>(T record)
        where T : IJuteWritable
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new JuteWriter(buffer);
        record.Write(ref writer);
        return buffer.WrittenSpan.ToArray();
    }
}
