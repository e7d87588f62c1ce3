using System.Buffers.Binary;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// The first bytes a dialer sends on a new connection: magic (4 bytes), channel (1 byte), the dialer's member
/// id (8 bytes), all big-endian. No frame comes before it and no answer comes back; a refused dialer sees the
/// connection close.
/// </summary>
public readonly record struct PeerHello(PeerChannel Channel, long SenderId)
{
    public const int Size = 13;

    /// <summary>"CoZl": Coordinator Zab link; anything else is not one of ours.</summary>
    public const uint Magic = 0x436F5A6C;

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Magic);
        bytes[4] = (byte)Channel;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(5), SenderId);
        return bytes;
    }

    /// <summary>Checks a received hello against what the accepting member expects; returns why it is refused, or null.</summary>
    public static string? Refusal(ReadOnlySpan<byte> hello, PeerChannel expectedChannel, long myId, IReadOnlySet<long> knownIds, out long senderId)
    {
        senderId = 0;
        if (hello.Length != Size) return $"hello is {hello.Length} bytes, not {Size}";
        var magic = BinaryPrimitives.ReadUInt32BigEndian(hello);
        if (magic != Magic) return $"bad magic 0x{magic:x8}";
        if (hello[4] != (byte)expectedChannel) return $"hello for channel {hello[4]} arrived on the {expectedChannel} port";
        senderId = BinaryPrimitives.ReadInt64BigEndian(hello[5..]);
        if (!knownIds.Contains(senderId)) return $"unknown member id {senderId}";
        if (senderId <= myId) return $"member {senderId} must not dial member {myId} (the larger id dials)";
        return null;
    }
}
