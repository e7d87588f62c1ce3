using System.Buffers.Binary;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// One txn as the journal stores it. The payload is the txn codec's bytes and opaque here;
/// <paramref name="TxnType"/> is a tag for humans reading the journal, not interpreted.
/// </summary>
public readonly record struct JournalEntry(long Zxid, int TxnType, ReadOnlyMemory<byte> Payload)
{
    /// <summary>
    /// CRC-32C over the zxid (8 bytes, little-endian), the txn type (4 bytes, little-endian) and the
    /// payload, in that order. This is the value stored in each journal row.
    /// </summary>
    public uint ComputeChecksum() => Checksum(Zxid, TxnType, Payload.Span);

    /// <summary>The row checksum for raw column values (used when validating what was read back).</summary>
    public static uint Checksum(long zxid, int txnType, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(header, zxid);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], txnType);
        return Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, header), payload));
    }
}
