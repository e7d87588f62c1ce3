using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Protocol;

public sealed class RequestDecoderTests
{
    private static readonly IReadOnlyList<Acl> Open = Acls.OpenAclUnsafe;

    public static TheoryData<OpCode, ZkRequest> ValidRequests() => new()
    {
        { OpCode.Create, new CreateRequest("/a", [1], Open, 0) },
        { OpCode.Create2, new CreateRequest("/a", [1], Open, 3) },
        { OpCode.CreateContainer, new CreateRequest("/a", [], Open, 4) },
        { OpCode.CreateTtl, new CreateTTLRequest("/a", [], Open, 5, 10) },
        { OpCode.Delete, new DeleteRequest("/a", -1) },
        { OpCode.DeleteContainer, new DeleteContainerRequest("/a") },
        { OpCode.Exists, new ExistsRequest("/a", true) },
        { OpCode.GetData, new GetDataRequest("/a", true) },
        { OpCode.SetData, new SetDataRequest("/a", null, 2) },
        { OpCode.GetAcl, new GetACLRequest("/a") },
        { OpCode.SetAcl, new SetACLRequest("/a", Open, -1) },
        { OpCode.GetChildren, new GetChildrenRequest("/a", false) },
        { OpCode.GetChildren2, new GetChildren2Request("/a", true) },
        { OpCode.Sync, new SyncRequest("/a") },
        { OpCode.Ping, PingRequest.Instance },
        { OpCode.Multi, new MultiRequest([new MultiOp(OpCode.Check, new CheckVersionRequest("/a", 1))]) },
        { OpCode.MultiRead, new MultiReadRequest([new MultiOp(OpCode.GetData, new GetDataRequest("/a", false))]) },
        { OpCode.Reconfig, new ReconfigRequest("", "", "", -1) },
        { OpCode.CheckWatches, new CheckWatchesRequest("/a", WatcherType.Children) },
        { OpCode.RemoveWatches, new RemoveWatchesRequest("/a", WatcherType.Data) },
        { OpCode.Auth, new AuthPacket(0, "digest", "u:p"u8.ToArray()) },
        { OpCode.SetWatches, new SetWatches(5, ["/a"], [], []) },
        { OpCode.Sasl, new GetSASLRequest([1]) },
        { OpCode.GetEphemerals, new GetEphemeralsRequest("/") },
        { OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/") },
        { OpCode.SetWatches2, new SetWatches2(5, [], [], [], ["/p"], ["/r"]) },
        { OpCode.AddWatch, new AddWatchRequest("/a", AddWatchMode.Persistent) },
        { OpCode.WhoAmI, WhoAmIRequest.Instance },
        { OpCode.CloseSession, CloseSessionRequest.Instance },
    };

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Every_client_opcode_decodes_to_its_request_record(OpCode type, ZkRequest request)
    {
        var decoded = RequestDecoder.Decode(type, JuteCodec.Encode(request));

        Assert.True(decoded.IsOk, decoded.Error);
        Assert.Equal(ErrorCode.Ok, decoded.ErrorCode);
        Assert.IsType(request.GetType(), decoded.Request);
        Assert.Equivalent(request, decoded.Request, strict: true);
    }

    [Theory]
    [InlineData(OpCode.Ping)]
    [InlineData(OpCode.WhoAmI)]
    [InlineData(OpCode.CloseSession)]
    public void Header_only_requests_decode_from_an_empty_body(OpCode type)
    {
        Assert.True(RequestDecoder.Decode(type, []).IsOk);
    }

    [Theory]
    [InlineData(0)]     // notification
    [InlineData(13)]    // check is only valid inside multi
    [InlineData(-1)]    // error
    [InlineData(-10)]   // createSession
    [InlineData(10)]
    [InlineData(23)]
    [InlineData(99)]
    [InlineData(108)]
    [InlineData(int.MaxValue)]
    public void Opcodes_a_client_may_not_send_are_reported_as_unimplemented(int type)
    {
        var decoded = RequestDecoder.Decode((OpCode)type, JuteCodec.Encode(new CheckVersionRequest("/a", 1)));

        Assert.Equal(RequestDecodeStatus.UnknownOpCode, decoded.Status);
        Assert.Equal(ErrorCode.Unimplemented, decoded.ErrorCode);
        Assert.Null(decoded.Request);
    }

    [Theory]
    [InlineData(OpCode.Create)]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.SetWatches)]
    [InlineData(OpCode.Auth)]
    [InlineData(OpCode.Multi)]
    public void A_truncated_body_is_reported_as_a_marshalling_error(OpCode type)
    {
        var decoded = RequestDecoder.Decode(type, Hex.Bytes("00 00 00 09 2f"));

        Assert.Equal(RequestDecodeStatus.Malformed, decoded.Status);
        Assert.Equal(ErrorCode.MarshallingError, decoded.ErrorCode);
        Assert.NotNull(decoded.Error);
    }

    [Fact]
    public void A_huge_string_length_is_a_marshalling_error_not_an_allocation()
    {
        var decoded = RequestDecoder.Decode(OpCode.GetData, Hex.Bytes("7f ff ff ff 00"));

        Assert.Equal(RequestDecodeStatus.Malformed, decoded.Status);
    }

    [Fact]
    public void Kazoo_null_path_is_accepted_as_empty()
    {
        var decoded = RequestDecoder.Decode(OpCode.Sync, Hex.Bytes("ff ff ff ff"));

        Assert.Equal(new SyncRequest(""), decoded.Request);
    }

    [Fact]
    public void Null_data_survives_decoding_as_null()
    {
        var decoded = RequestDecoder.Decode(OpCode.Create, JuteCodec.Encode(new CreateRequest("/a", null, Open, 0)));

        Assert.Null(Assert.IsType<CreateRequest>(decoded.Request).Data);
    }

    [Fact]
    public void An_unknown_addWatch_mode_is_a_marshalling_error()
    {
        var decoded = RequestDecoder.Decode(OpCode.AddWatch, JuteCodec.Encode(new AddWatchRequest("/a", (AddWatchMode)2)));

        Assert.Equal(ErrorCode.MarshallingError, decoded.ErrorCode);
    }

    [Fact]
    public void Trailing_bytes_after_a_record_are_ignored_as_zookeeper_does()
    {
        var body = JuteCodec.Encode(new DeleteRequest("/a", 3)).Concat(new byte[] { 1, 2 }).ToArray();

        Assert.Equal(new DeleteRequest("/a", 3), RequestDecoder.Decode(OpCode.Delete, body).Request);
    }

    [Fact]
    public void Check_inside_multi_is_accepted_although_it_is_unimplemented_at_top_level()
    {
        var multi = JuteCodec.Encode(new MultiRequest([new MultiOp(OpCode.Check, new CheckVersionRequest("/a", 1))]));

        Assert.True(RequestDecoder.Decode(OpCode.Multi, multi).IsOk);
        Assert.Equal(RequestDecodeStatus.UnknownOpCode, RequestDecoder.Decode(OpCode.Check, JuteCodec.Encode(new CheckVersionRequest("/a", 1))).Status);
    }

    public static TheoryData<string, OpCode, ZkRequest> BadMultis() => new()
    {
        { "getData in multi", OpCode.Multi, new MultiRequest([new MultiOp(OpCode.GetData, new GetDataRequest("/a", false))]) },
        { "read mixed into a write multi", OpCode.Multi, new MultiRequest(
            [
                new MultiOp(OpCode.Delete, new DeleteRequest("/a", -1)),
                new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/", false)),
            ]) },
        { "write mixed into multiRead", OpCode.MultiRead, new MultiReadRequest(
            [
                new MultiOp(OpCode.GetData, new GetDataRequest("/a", false)),
                new MultiOp(OpCode.Delete, new DeleteRequest("/a", -1)),
            ]) },
        { "deleteContainer in multi", OpCode.Multi, new MultiRequest([new MultiOp(OpCode.DeleteContainer, new DeleteContainerRequest("/a"))]) },
        { "exists in multiRead", OpCode.MultiRead, new MultiReadRequest([new MultiOp(OpCode.Exists, new ExistsRequest("/a", false))]) },
        { "create with flags 7", OpCode.Multi, new MultiRequest([new MultiOp(OpCode.Create, new CreateRequest("/a", [], Open, 7))]) },
        { "create2 with flags -1", OpCode.Multi, new MultiRequest([new MultiOp(OpCode.Create2, new CreateRequest("/a", [], Open, -1))]) },
        { "createTTL with flags 9", OpCode.Multi, new MultiRequest([new MultiOp(OpCode.CreateTtl, new CreateTTLRequest("/a", [], Open, 9, 5))]) },
        { "nested multi", OpCode.Multi, new MultiRequest([new MultiOp(OpCode.Multi, new MultiRequest([]))]) },
    };

    [Theory]
    [MemberData(nameof(BadMultis))]
    public void Invalid_multi_bodies_fail_as_a_whole_with_a_marshalling_error(string why, OpCode type, ZkRequest multi)
    {
        var decoded = RequestDecoder.Decode(type, JuteCodec.Encode(multi));

        Assert.True(decoded.Status == RequestDecodeStatus.Malformed, why);
        Assert.Equal(ErrorCode.MarshallingError, decoded.ErrorCode);
    }

    [Fact]
    public void A_multi_without_its_terminator_is_a_marshalling_error()
    {
        var body = JuteCodec.Encode(new MultiRequest([new MultiOp(OpCode.Delete, new DeleteRequest("/a", -1))]));

        var decoded = RequestDecoder.Decode(OpCode.Multi, body[..^9]);

        Assert.Equal(RequestDecodeStatus.Malformed, decoded.Status);
    }

    [Fact]
    public void An_empty_multi_is_just_the_terminator()
    {
        var body = JuteCodec.Encode(new MultiRequest([]));

        Assert.Equal(Hex.Bytes("ff ff ff ff 01 ff ff ff ff"), body);
        Assert.Empty(Assert.IsType<MultiRequest>(RequestDecoder.Decode(OpCode.Multi, body).Request).Ops);
    }
}

public sealed class RequestFrameDecodingTests
{
    [Fact]
    public void A_whole_frame_body_yields_its_header_and_request()
    {
        var frame = Hex.Bytes("00 00 00 01  00 00 00 04  00 00 00 02 2f 61  01");

        Assert.True(RequestDecoder.TryDecodeFrame(frame, out var header, out var request));

        Assert.Equal(new RequestHeader(1, OpCode.GetData), header);
        Assert.Equal(new GetDataRequest("/a", true), request.Request);
    }

    [Fact]
    public void A_frame_too_short_for_a_header_cannot_be_answered()
    {
        Assert.False(RequestDecoder.TryDecodeFrame(Hex.Bytes("00 00 00 01 00 00"), out _, out var request));

        Assert.Equal(RequestDecodeStatus.Malformed, request.Status);
    }

    [Fact]
    public void A_valid_header_with_a_bad_body_keeps_the_xid_for_the_error_reply()
    {
        Assert.True(RequestDecoder.TryDecodeFrame(Hex.Bytes("00 00 00 07  00 00 00 05  00 00"), out var header, out var request));

        Assert.Equal(7, header.Xid);
        Assert.Equal(ErrorCode.MarshallingError, request.ErrorCode);
    }
}
