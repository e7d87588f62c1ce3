using System.Buffers.Binary;
using System.Text;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Zab.Core;
using Coordinator.Protocol;

namespace Coordinator.Actors.Zab.Wire;

/// <summary>A peer frame that cannot be decoded. The bytes are left untouched; the link should be dropped.</summary>
public sealed class PeerFrameException(string message) : FormatException(message);

/// <summary>
/// The peer frame: type tag (1 byte), body length (4 bytes, big-endian), body, CRC-32C (4 bytes,
/// big-endian) over tag, length and body. All integers in bodies are big-endian; byte arrays are a
/// 4-byte length then the bytes; strings are a 4-byte length then UTF-8; lists are a 4-byte count then the items.
/// </summary>
public static class PeerCodec
{
    public const int HeaderBytes = 5;
    public const int TrailerBytes = 4;

    /// <summary>Bodies above this are rejected before allocating (a snapshot must fit).</summary>
    public const int MaxBodyBytes = 256 * 1024 * 1024;

    /// <summary>One frame in its own array (tests, one-off sends); links encode into a shared <see cref="FrameBuffer"/>.</summary>
    public static byte[] Encode(PeerMessage message)
    {
        var buffer = new FrameBuffer();
        Encode(message, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Appends one frame to <paramref name="output"/>: the body is written in place behind a reserved header, so a
    /// txn or snapshot is copied once, straight into the bytes the socket sends. Throws <see cref="ArgumentException"/>
    /// for a message without an encoding and leaves <paramref name="output"/> as it was.
    /// </summary>
    public static void Encode(PeerMessage message, FrameBuffer output)
    {
        var start = output.Length;
        try
        {
            output.Append(HeaderBytes);
            WriteBody(message, new BodyWriter(output));
        }
        catch
        {
            output.CutTo(start);
            throw;
        }
        var frame = output.WrittenFrom(start);
        frame[0] = (byte)message.Type;
        BinaryPrimitives.WriteInt32BigEndian(frame[1..], frame.Length - HeaderBytes);
        var crc = Crc32C.Compute(frame);
        BinaryPrimitives.WriteUInt32BigEndian(output.Append(TrailerBytes), crc);
    }

    /// <summary>
    /// Decodes one frame from the front of <paramref name="buffer"/>. Returns false when the frame is not
    /// complete yet; throws <see cref="PeerFrameException"/> when it is malformed.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, out PeerMessage? message, out int consumed)
    {
        message = null;
        consumed = 0;
        if (!TryGetFrameLength(buffer, out var total)) return false;
        if (buffer.Length < total) return false;
        var length = total - HeaderBytes - TrailerBytes;
        var expected = BinaryPrimitives.ReadUInt32BigEndian(buffer[(HeaderBytes + length)..]);
        var actual = Crc32C.Compute(buffer[..(HeaderBytes + length)]);
        if (expected != actual) throw new PeerFrameException($"Peer frame checksum mismatch (0x{actual:x8}, frame says 0x{expected:x8}).");
        var reader = new BodyReader(buffer.Slice(HeaderBytes, length));
        message = ReadBody((PeerMessageType)buffer[0], ref reader);
        if (!reader.AtEnd) throw new PeerFrameException($"Peer frame {(PeerMessageType)buffer[0]} has {reader.Remaining} trailing bytes.");
        consumed = total;
        return true;
    }

    /// <summary>
    /// The whole frame's size, read from its header at the front of <paramref name="buffer"/>. Returns false
    /// while the header is incomplete; throws <see cref="PeerFrameException"/> for a body length out of range.
    /// </summary>
    public static bool TryGetFrameLength(ReadOnlySpan<byte> buffer, out int frameLength)
    {
        frameLength = 0;
        if (buffer.Length < HeaderBytes) return false;
        var length = BinaryPrimitives.ReadInt32BigEndian(buffer[1..]);
        if (length < 0 || length > MaxBodyBytes) throw new PeerFrameException($"Peer frame body length {length} is out of range.");
        frameLength = HeaderBytes + length + TrailerBytes;
        return true;
    }

    /// <summary>Decodes exactly one whole frame.</summary>
    public static PeerMessage Decode(ReadOnlySpan<byte> frame)
    {
        if (!TryDecode(frame, out var message, out var consumed)) throw new PeerFrameException("Peer frame is truncated.");
        if (consumed != frame.Length) throw new PeerFrameException($"{frame.Length - consumed} bytes follow the peer frame.");
        return message!;
    }

    private static void WriteBody(PeerMessage message, BodyWriter w)
    {
        switch (message)
        {
            case Notification n:
                w.Int64(n.Vote.Leader); w.Zxid(n.Vote.LastZxid); w.UInt32(n.Vote.PeerEpoch); w.Int64(n.Round); w.Byte((byte)n.State);
                break;
            case FollowerInfo f: w.UInt32(f.AcceptedEpoch); w.Zxid(f.LastZxid); break;
            case ObserverInfo o: w.UInt32(o.AcceptedEpoch); w.Zxid(o.LastZxid); break;
            case LeaderInfo l: w.UInt32(l.Epoch); break;
            case AckEpoch a: w.UInt32(a.CurrentEpoch); w.Zxid(a.LastZxid); break;
            case Diff d: w.Zxid(d.LeaderLastZxid); break;
            case Trunc t: w.Zxid(t.TruncateTo); break;
            case Snap s: w.Zxid(s.SnapshotZxid); w.Bytes(s.State); break;
            case NewLeader nl: w.UInt32(nl.Epoch); break;
            case UpToDate u: w.Zxid(u.CommittedZxid); break;
            case Proposal p: w.Zxid(p.Zxid); w.Bytes(p.Txn); break;
            case Ack a: w.Zxid(a.Zxid); break;
            case Commit c: w.Zxid(c.Zxid); break;
            case Inform i: w.Zxid(i.Zxid); w.Bytes(i.Txn); break;
            case Ping p: w.Zxid(p.LastZxid); break;
            case ForwardedRequest f:
                w.Int64(f.SessionId); w.Int32(f.Cxid); w.Int32(f.OpCode); w.Bytes(f.Body);
                w.UInt32((uint)f.Identities.Count);
                foreach (var id in f.Identities) { w.String(id.Scheme); w.String(id.Ident); }
                break;
            case SyncReply s: w.Int64(s.SessionId); w.Int32(s.Cxid); w.Zxid(s.UpTo); break;
            case SessionTouches t:
                w.UInt32((uint)t.SessionIds.Count);
                foreach (var id in t.SessionIds) w.Int64(id);
                break;
            case LinkHeartbeat: break;
            default: throw new ArgumentException($"No encoding for peer message {message.GetType().Name}.", nameof(message));
        }
    }

    private static PeerMessage ReadBody(PeerMessageType type, ref BodyReader r) => type switch
    {
        PeerMessageType.Notification => new Notification(new Vote(r.Int64(), r.Zxid(), r.UInt32()), r.Int64(), r.State()),
        PeerMessageType.FollowerInfo => new FollowerInfo(r.UInt32(), r.Zxid()),
        PeerMessageType.ObserverInfo => new ObserverInfo(r.UInt32(), r.Zxid()),
        PeerMessageType.LeaderInfo => new LeaderInfo(r.UInt32()),
        PeerMessageType.AckEpoch => new AckEpoch(r.UInt32(), r.Zxid()),
        PeerMessageType.Diff => new Diff(r.Zxid()),
        PeerMessageType.Trunc => new Trunc(r.Zxid()),
        PeerMessageType.Snap => new Snap(r.Zxid(), r.Bytes()),
        PeerMessageType.NewLeader => new NewLeader(r.UInt32()),
        PeerMessageType.UpToDate => new UpToDate(r.Zxid()),
        PeerMessageType.Proposal => new Proposal(r.Zxid(), r.Bytes()),
        PeerMessageType.Ack => new Ack(r.Zxid()),
        PeerMessageType.Commit => new Commit(r.Zxid()),
        PeerMessageType.Inform => new Inform(r.Zxid(), r.Bytes()),
        PeerMessageType.Ping => new Ping(r.Zxid()),
        PeerMessageType.ForwardedRequest => new ForwardedRequest(r.Int64(), r.Int32(), r.Int32(), r.Bytes(), r.Identities()),
        PeerMessageType.SyncReply => new SyncReply(r.Int64(), r.Int32(), r.Zxid()),
        PeerMessageType.SessionTouches => new SessionTouches(r.Int64s()),
        PeerMessageType.LinkHeartbeat => LinkHeartbeat.Instance,
        _ => throw new PeerFrameException($"Unknown peer message type {(byte)type}."),
    };

    private readonly struct BodyWriter(FrameBuffer output)
    {
        public void Byte(byte value) => output.Append(1)[0] = value;

        public void UInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(output.Append(4), value);

        public void Int32(int value) => UInt32((uint)value);

        public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(output.Append(8), value);

        public void Zxid(Zxid zxid) => Int64(zxid.ToLong());

        public void Bytes(ReadOnlySpan<byte> value)
        {
            UInt32((uint)value.Length);
            value.CopyTo(output.Append(value.Length));
        }

        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            UInt32((uint)length);
            Encoding.UTF8.GetBytes(value, output.Append(length));
        }
    }

    private ref struct BodyReader(ReadOnlySpan<byte> body)
    {
        private ReadOnlySpan<byte> _rest = body;
        public readonly bool AtEnd => _rest.IsEmpty;
        public readonly int Remaining => _rest.Length;

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || _rest.Length < count)
                throw new PeerFrameException($"Peer frame body ends early: needs {count} more bytes, has {_rest.Length}.");
            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }

        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
        public Zxid Zxid() => Core.Zxid.FromLong(Int64());

        public PeerState State()
        {
            var value = Take(1)[0];
            return Enum.IsDefined((PeerState)value) ? (PeerState)value : throw new PeerFrameException($"Unknown peer state {value}.");
        }

        public byte[] Bytes() => Sized().ToArray();

        public string String()
        {
            var bytes = Sized();
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new PeerFrameException("Peer frame holds a string that is not valid UTF-8.");
            }
        }

        public Id[] Identities()
        {
            // Each identity takes at least two 4-byte lengths; a count beyond that is a lie, refused before allocating.
            var count = Count(minItemBytes: 8);
            var ids = new Id[count];
            for (var i = 0; i < count; i++) ids[i] = new Id(String(), String());
            return ids;
        }

        public long[] Int64s()
        {
            var count = Count(minItemBytes: 8);
            var values = new long[count];
            for (var i = 0; i < count; i++) values[i] = Int64();
            return values;
        }

        private ReadOnlySpan<byte> Sized()
        {
            var length = UInt32();
            return length > int.MaxValue ? throw new PeerFrameException($"Byte array length {length} is out of range.") : Take((int)length);
        }

        private int Count(int minItemBytes)
        {
            var count = UInt32();
            return count > (uint)(_rest.Length / minItemBytes)
                ? throw new PeerFrameException($"Peer frame list count {count} does not fit in the {_rest.Length} bytes left.")
                : (int)count;
        }
    }
}
