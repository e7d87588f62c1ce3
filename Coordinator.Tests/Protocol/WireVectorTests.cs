using System.Buffers;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Protocol;

/// <summary>The example frames of the wire document, byte for byte, in both directions.</summary>
public sealed class WireVectorTests
{
    private const string ConnectRequestFrame =
        "00 00 00 2d  00 00 00 00  00 00 00 00 00 00 00 00  00 00 75 30  00 00 00 00 00 00 00 00" +
        "00 00 00 10  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  00";

    private const string ConnectResponseFrame =
        "00 00 00 25  00 00 00 00  00 00 75 30  01 00 00 0a 1b 2c 00 00" +
        "00 00 00 10  a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af  00";

    // The document labels this session id 0x1000000a1b2c0000, but its bytes (01 00 00 0a ...) say 0x0100000a1b2c0000.
    private static readonly byte[] ServerPassword = Hex.Bytes("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af");

    [Fact]
    public void Java_connect_request_decodes_with_its_readonly_byte()
    {
        var request = JuteCodec.Decode<ConnectRequest>(Body(ConnectRequestFrame));

        Assert.Equal(0, request.ProtocolVersion);
        Assert.Equal(0, request.LastZxidSeen);
        Assert.Equal(30000, request.TimeOut);
        Assert.Equal(0, request.SessionId);
        Assert.Equal(new byte[16], request.Passwd);
        Assert.False(request.ReadOnly);
    }

    [Fact]
    public void Connect_request_frame_is_written_byte_for_byte()
    {
        var request = new ConnectRequest(0, 0, 30000, 0, new byte[16], ReadOnly: false);

        Assert.Equal(Hex.Bytes(ConnectRequestFrame), Frame(request));
    }

    [Fact]
    public void Node_client_connect_request_without_readonly_byte_is_44_bytes_and_remembered_as_absent()
    {
        var body = Body(ConnectRequestFrame)[..^1];
        Assert.Equal(44, body.Length);

        var request = JuteCodec.Decode<ConnectRequest>(body);

        Assert.Null(request.ReadOnly);
        Assert.Equal(30000, request.TimeOut);
        Assert.Equal(body, JuteCodec.Encode(request));
    }

    [Fact]
    public void Connect_response_frame_is_written_byte_for_byte()
    {
        var response = new ConnectResponse(0, 30000, 0x0100000a1b2c0000, ServerPassword, ReadOnly: false);

        Assert.Equal(Hex.Bytes(ConnectResponseFrame), Frame(response));
    }

    [Fact]
    public void Connect_response_omits_readonly_when_the_request_did()
    {
        var response = new ConnectResponse(0, 30000, 0x0100000a1b2c0000, ServerPassword, ReadOnly: null);

        var frame = Frame(response);

        Assert.Equal(Hex.Bytes(ConnectResponseFrame)[4..^1], frame[4..]);
        Assert.Equal(36, frame.Length - 4);
        Assert.Null(JuteCodec.Decode<ConnectResponse>(frame.AsSpan(4)).ReadOnly);
    }

    [Fact]
    public void Connect_response_decodes_on_the_client_side()
    {
        var response = JuteCodec.Decode<ConnectResponse>(Body(ConnectResponseFrame));

        Assert.Equal(30000, response.TimeOut);
        Assert.Equal(0x0100000a1b2c0000, response.SessionId);
        Assert.Equal(ServerPassword, response.Passwd);
        Assert.False(response.ReadOnly);
    }

    [Fact]
    public void Invalid_session_response_has_zero_timeout_session_and_a_16_byte_zero_password()
    {
        var request = new ConnectRequest(0, 0, 30000, 42, new byte[16], ReadOnly: true);

        var response = ConnectResponse.Invalid(request);

        Assert.Equal(
            Hex.Bytes("00 00 00 25  00 00 00 00  00 00 00 00  00 00 00 00 00 00 00 00  00 00 00 10" +
                      "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  00"),
            Frame(response));
    }

    [Fact]
    public void Ping_request_and_reply_frames_match()
    {
        Assert.Equal(Hex.Bytes("00 00 00 08  ff ff ff fe  00 00 00 0b"),
            Frame(new RequestHeader(Xids.Ping, OpCode.Ping), null));
        Assert.Equal(Hex.Bytes("00 00 00 10  ff ff ff fe  00 00 00 00 00 00 00 1f  00 00 00 00"),
            Frame(new ReplyHeader(Xids.Ping, 0x1f, ErrorCode.Ok), null));
    }

    [Fact]
    public void GetData_request_frame_matches_and_decodes()
    {
        const string frame = "00 00 00 0f  00 00 00 01  00 00 00 04  00 00 00 02 2f 61  01";
        var request = new GetDataRequest("/a", Watch: true);

        Assert.Equal(Hex.Bytes(frame), Frame(new RequestHeader(1, OpCode.GetData), request));

        var reader = new JuteReader(Body(frame));
        var header = RequestHeader.Read(ref reader);
        Assert.Equal(new RequestHeader(1, OpCode.GetData), header);
        var decoded = RequestDecoder.Decode(header.Type, Body(frame)[RequestHeader.WireSize..]);
        Assert.Equal(request, decoded.Request);
    }

    [Fact]
    public void Error_reply_frame_is_a_bare_header()
    {
        const string frame = "00 00 00 10  00 00 00 07  00 00 00 00 00 00 00 05  ff ff ff 9b";

        Assert.Equal(Hex.Bytes(frame), Frame(new ReplyHeader(7, 5, ErrorCode.NoNode), null));
        Assert.Equal(new ReplyHeader(7, 5, ErrorCode.NoNode), JuteCodec.Decode<ReplyHeader>(Body(frame)));
    }

    [Fact]
    public void Notification_frame_matches_and_decodes()
    {
        const string frame =
            "00 00 00 1e  ff ff ff ff  00 00 00 00 00 00 00 05  00 00 00 00" +
            "00 00 00 03  00 00 00 03  00 00 00 02 2f 61";
        var notification = new WatcherEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/a");

        Assert.Equal(Hex.Bytes(frame), Frame(new ReplyHeader(Xids.Notification, 5, ErrorCode.Ok), notification));
        Assert.Equal(notification, ResponseDecoder.Decode(OpCode.Notification, Body(frame)[ReplyHeader.WireSize..]));
    }

    private const string MultiRequestFrame =
        "00 00 00 59  00 00 00 09 00 00 00 0e" +
        "00 00 00 01 00 ff ff ff ff    00 00 00 02 2f 78  00 00 00 00  00 00 00 01" +
        "                              00 00 00 1f 00 00 00 05 \"world\" 00 00 00 06 \"anyone\"  00 00 00 00" +
        "00 00 00 02 00 ff ff ff ff    00 00 00 05 \"/nope\"  ff ff ff ff" +
        "ff ff ff ff 01 ff ff ff ff";

    [Fact]
    public void Multi_request_frame_matches_and_decodes()
    {
        var multi = new MultiRequest(
        [
            new MultiOp(OpCode.Create, new CreateRequest("/x", [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/nope", -1)),
        ]);

        Assert.Equal(Hex.Bytes(MultiRequestFrame), Frame(new RequestHeader(9, OpCode.Multi), multi));

        var decoded = RequestDecoder.Decode(OpCode.Multi, Body(MultiRequestFrame)[RequestHeader.WireSize..]);
        var ops = Assert.IsType<MultiRequest>(decoded.Request).Ops;
        Assert.Equal(2, ops.Count);
        Assert.Equal(OpCode.Create, ops[0].Type);
        var create = Assert.IsType<CreateRequest>(ops[0].Request);
        Assert.Equal(("/x", 0, 0), (create.Path, create.Data!.Length, create.Flags));
        Assert.Equal(Acls.OpenAclUnsafe, create.Acl);
        Assert.Equal(new MultiOp(OpCode.Delete, new DeleteRequest("/nope", -1)), ops[1]);
    }

    // The wire document prints the first result with one 00 too few (12 bytes); its own length 0x33
    // and the layout (MultiHeader 9 bytes + ErrorResponse 4) require 13, as here.
    private const string MultiFailureReplyFrame =
        "00 00 00 33  00 00 00 09  00 00 00 00 00 00 00 06  00 00 00 00" +
        "ff ff ff ff 00 00 00 00 00  00 00 00 00" +
        "ff ff ff ff 00 ff ff ff 9b  ff ff ff 9b" +
        "ff ff ff ff 01 ff ff ff ff";

    [Fact]
    public void Multi_failure_reply_frame_matches_and_decodes()
    {
        var failed = MultiResponse.Failed(opCount: 2, failedIndex: 1, ErrorCode.NoNode);

        Assert.Equal(Hex.Bytes(MultiFailureReplyFrame), Frame(new ReplyHeader(9, 6, ErrorCode.Ok), failed));

        var decoded = Assert.IsType<MultiResponse>(
            ResponseDecoder.Decode(OpCode.Multi, Body(MultiFailureReplyFrame)[ReplyHeader.WireSize..]));
        Assert.Equal(
            [MultiResult.Error(ErrorCode.Ok), MultiResult.Error(ErrorCode.NoNode)],
            decoded.Results);
    }

    private static byte[] Body(string frameHex) => Hex.Bytes(frameHex)[4..];

    private static byte[] Frame(IJuteWritable record)
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.Write(output, record);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Frame<THeader>(THeader header, IJuteWritable? body)
        where THeader : struct, IJuteWritable
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.Write(output, header, body);
        return output.WrittenSpan.ToArray();
    }
}
