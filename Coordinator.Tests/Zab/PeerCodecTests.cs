using System.Buffers.Binary;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Tests.Zab;

public sealed class PeerCodecTests
{
    private static readonly Zxid Z = new(3, 0x0102);

    public static TheoryData<PeerMessage> EveryMessage() =>
    [
        new Notification(new Vote(7, Z, 2), 41, PeerState.Following),
        new FollowerInfo(2, Z),
        new ObserverInfo(2, Z),
        new LeaderInfo(4),
        new AckEpoch(3, Z),
        new Diff(Z),
        new Trunc(Z),
        new Snap(Z, [1, 2, 3, 4]),
        new NewLeader(4),
        new UpToDate(Z),
        new Proposal(Z, [9, 8, 7]),
        new Ack(new Zxid(4, 0)),
        new Commit(Z),
        new Inform(Z, []),
        new Ping(Z),
    ];

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_peer_message_round_trips(PeerMessage message)
    {
        var decoded = PeerCodec.Decode(PeerCodec.Encode(message));
        Assert.Equal(message.GetType(), decoded.GetType());
        // Records with byte arrays compare them by reference, so compare their re-encoding instead.
        Assert.Equal(PeerCodec.Encode(message), PeerCodec.Encode(decoded));
        if (message is not (Snap or Proposal or Inform)) Assert.Equal(message, decoded);
    }

    [Fact]
    public void A_proposal_frame_has_the_documented_byte_layout()
    {
        var frame = PeerCodec.Encode(new Proposal(new Zxid(1, 2), [0xAB]));
        byte[] headerAndBody =
        [
            2, // PROPOSAL
            0, 0, 0, 13, // body length
            0, 0, 0, 1, 0, 0, 0, 2, // zxid, big-endian
            0, 0, 0, 1, 0xAB, // txn length and bytes
        ];
        Assert.Equal(headerAndBody, frame[..^4]);
        Assert.Equal(Crc32C.Compute(headerAndBody), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(^4)));
    }

    [Fact]
    public void Frames_decode_one_after_another_from_a_stream_and_a_partial_frame_waits()
    {
        var first = PeerCodec.Encode(new Ack(Z));
        var second = PeerCodec.Encode(new Proposal(Z, [5]));
        var stream = first.Concat(second).ToArray();

        Assert.True(PeerCodec.TryDecode(stream, out var a, out var used));
        Assert.Equal(new Ack(Z), a);
        Assert.False(PeerCodec.TryDecode(stream.AsSpan(used, second.Length - 1), out _, out var none));
        Assert.Equal(0, none);
        Assert.True(PeerCodec.TryDecode(stream.AsSpan(used), out var b, out var used2));
        Assert.IsType<Proposal>(b);
        Assert.Equal(second.Length, used2);
    }

    [Fact]
    public void A_flipped_bit_fails_the_checksum()
    {
        var frame = PeerCodec.Encode(new Commit(Z));
        frame[7] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(frame)).Message);
    }

    [Fact]
    public void An_unknown_type_tag_is_rejected() =>
        Assert.Contains("Unknown peer message type 99", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame(99, []))).Message);

    [Fact]
    public void A_body_shorter_than_its_fields_is_rejected() =>
        Assert.Contains("ends early", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame((byte)PeerMessageType.Commit, [0, 0, 0]))).Message);

    [Fact]
    public void Trailing_bytes_inside_a_body_are_rejected() =>
        Assert.Contains("trailing", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame((byte)PeerMessageType.LeaderInfo, [0, 0, 0, 1, 0]))).Message);

    [Fact]
    public void A_byte_array_longer_than_the_body_is_rejected() =>
        Assert.Contains("ends early", Assert.Throws<PeerFrameException>(() =>
            PeerCodec.Decode(Frame((byte)PeerMessageType.Proposal, [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 1]))).Message);

    [Fact]
    public void An_unknown_peer_state_is_rejected()
    {
        var frame = PeerCodec.Encode(new Notification(new Vote(1, Z, 1), 1, PeerState.Looking));
        var body = frame[5..^4];
        body[^1] = 9;
        Assert.Contains("peer state", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame((byte)PeerMessageType.Notification, body))).Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(PeerCodec.MaxBodyBytes + 1)]
    public void A_body_length_out_of_range_is_rejected_before_waiting_for_it(int length)
    {
        var header = new byte[5];
        header[0] = (byte)PeerMessageType.Ping;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), length);
        Assert.Throws<PeerFrameException>(() => PeerCodec.TryDecode(header, out _, out _));
    }

    [Fact]
    public void Bytes_after_a_whole_frame_are_rejected_by_Decode() =>
        Assert.Throws<PeerFrameException>(() => PeerCodec.Decode([.. PeerCodec.Encode(new Ping(Z)), 0]));

    /// <summary>A frame with a valid checksum around an arbitrary body.</summary>
    private static byte[] Frame(byte type, byte[] body)
    {
        var frame = new byte[5 + body.Length + 4];
        frame[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(5 + body.Length), Crc32C.Compute(frame.AsSpan(0, 5 + body.Length)));
        return frame;
    }
}
