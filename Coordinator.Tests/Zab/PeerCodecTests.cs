using System.Buffers.Binary;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Protocol;

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
        new ForwardedRequest(0x1234_5678_9abc, -7, (int)OpCode.Create, [1, 2, 3], [new Id("digest", "bob:x"), new Id("ip", "127.0.0.1")]),
        new ForwardedRequest(5, 1, (int)OpCode.Sync, [], []),
        new SyncReply(0x1234_5678_9abc, 42, Z),
        new SessionTouches([1, -2, long.MaxValue]),
        new SessionTouches([]),
        LinkHeartbeat.Instance,
    ];

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_peer_message_round_trips(PeerMessage message)
    {
        var decoded = PeerCodec.Decode(PeerCodec.Encode(message));
        Assert.Equal(message.GetType(), decoded.GetType());
        // Records with byte arrays compare them by reference, so compare their re-encoding instead.
        Assert.Equal(PeerCodec.Encode(message), PeerCodec.Encode(decoded));
        if (message is not (Snap or Proposal or Inform or ForwardedRequest or SessionTouches)) Assert.Equal(message, decoded);
    }

    [Fact]
    public void A_forwarded_request_keeps_its_fields_and_identities_in_order()
    {
        var sent = new ForwardedRequest(9, 3, (int)OpCode.SetData, [7, 7], [new Id("digest", "ünïcode:pw"), new Id("world", "anyone")]);
        var decoded = Assert.IsType<ForwardedRequest>(PeerCodec.Decode(PeerCodec.Encode(sent)));
        Assert.Equal((9L, 3, (int)OpCode.SetData), (decoded.SessionId, decoded.Cxid, decoded.OpCode));
        Assert.Equal(sent.Body, decoded.Body);
        Assert.Equal(sent.Identities, decoded.Identities);
    }

    [Fact]
    public void Session_touches_keep_their_ids_in_order() =>
        Assert.Equal([3L, 1L, 2L], Assert.IsType<SessionTouches>(PeerCodec.Decode(PeerCodec.Encode(new SessionTouches([3, 1, 2])))).SessionIds);

    [Fact]
    public void A_forwarded_request_with_an_identity_that_is_not_utf8_is_rejected()
    {
        byte[] body =
        [
            0, 0, 0, 0, 0, 0, 0, 1, // session
            0, 0, 0, 1, // cxid
            0, 0, 0, 1, // op
            0, 0, 0, 0, // body length
            0, 0, 0, 1, // one identity
            0, 0, 0, 1, 0xFF, // scheme: an invalid UTF-8 byte
            0, 0, 0, 0, // id
        ];
        Assert.Contains("UTF-8", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame((byte)PeerMessageType.ForwardedRequest, body))).Message);
    }

    [Fact]
    public void A_list_count_larger_than_the_body_is_rejected_before_allocating() =>
        Assert.Contains("does not fit", Assert.Throws<PeerFrameException>(() =>
            PeerCodec.Decode(Frame((byte)PeerMessageType.SessionTouches, [0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 1]))).Message);

    [Fact]
    public void An_identity_count_larger_than_the_body_is_rejected()
    {
        byte[] body = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Contains("does not fit", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame((byte)PeerMessageType.ForwardedRequest, body))).Message);
    }

    [Fact]
    public void A_sync_reply_shorter_than_its_fields_is_rejected() =>
        Assert.Contains("ends early", Assert.Throws<PeerFrameException>(() =>
            PeerCodec.Decode(Frame((byte)PeerMessageType.SyncReply, [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2]))).Message);

    [Fact]
    public void A_heartbeat_with_a_body_is_rejected() =>
        Assert.Contains("trailing", Assert.Throws<PeerFrameException>(() => PeerCodec.Decode(Frame((byte)PeerMessageType.LinkHeartbeat, [0]))).Message);

    [Fact]
    public void The_frame_length_is_known_from_the_header_alone()
    {
        var frame = PeerCodec.Encode(new Proposal(Z, [1, 2, 3]));
        Assert.False(PeerCodec.TryGetFrameLength(frame.AsSpan(0, 4), out _));
        Assert.True(PeerCodec.TryGetFrameLength(frame.AsSpan(0, 5), out var length));
        Assert.Equal(frame.Length, length);
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

    [Fact]
    public void Frames_appended_to_one_buffer_are_each_frame_as_encoded_alone_back_to_back()
    {
        PeerMessage[] messages = [new Ack(Z), new Proposal(Z, [.. Enumerable.Range(0, 5000).Select(i => (byte)i)]), LinkHeartbeat.Instance,
            new ForwardedRequest(9, 2, (int)OpCode.SetData, [4, 5], [new Id("digest", "ünïcode:x")])];
        var buffer = new FrameBuffer(initialCapacity: 16); // grows several times on the way

        foreach (var message in messages) PeerCodec.Encode(message, buffer);

        Assert.Equal(messages.SelectMany(PeerCodec.Encode), buffer.Written.ToArray());
    }

    [Fact]
    public void A_message_without_an_encoding_leaves_the_buffer_as_it_was()
    {
        var buffer = new FrameBuffer();
        PeerCodec.Encode(new Ack(Z), buffer);
        var before = buffer.Written.ToArray();

        Assert.Throws<ArgumentException>(() => PeerCodec.Encode(new Unencodable(), buffer));

        Assert.Equal(before, buffer.Written.ToArray());
    }

    private sealed record Unencodable : PeerMessage
    {
        public override PeerMessageType Type => PeerMessageType.Ping;
    }

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
