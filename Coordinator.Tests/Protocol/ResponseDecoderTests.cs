using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Protocol;

public sealed class ResponseDecoderTests
{
    private static readonly Stat SomeStat = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    public static TheoryData<OpCode, ZkResponse> Replies() => new()
    {
        { OpCode.Create, new CreateResponse("/a") },
        { OpCode.Create2, new Create2Response("/a", SomeStat) },
        { OpCode.CreateContainer, new Create2Response("/a", SomeStat) },
        { OpCode.CreateTtl, new Create2Response("/a", SomeStat) },
        { OpCode.Exists, new ExistsResponse(SomeStat) },
        { OpCode.GetData, new GetDataResponse(null, SomeStat) },
        { OpCode.Reconfig, new GetDataResponse("version=1"u8.ToArray(), SomeStat) },
        { OpCode.SetData, new SetDataResponse(SomeStat) },
        { OpCode.GetAcl, new GetACLResponse(Acls.ReadAclUnsafe, SomeStat) },
        { OpCode.SetAcl, new SetACLResponse(SomeStat) },
        { OpCode.GetChildren, new GetChildrenResponse(["b", "a"]) },
        { OpCode.GetChildren2, new GetChildren2Response(["b", "a"], SomeStat) },
        { OpCode.Sync, new SyncResponse("/a") },
        { OpCode.Multi, new MultiResponse([MultiResult.Deleted()]) },
        { OpCode.MultiRead, new MultiResponse([MultiResult.Error(ErrorCode.NoNode), MultiResult.Children([])]) },
        { OpCode.Sasl, new SetSASLResponse([1]) },
        { OpCode.GetEphemerals, new GetEphemeralsResponse(["/e"]) },
        { OpCode.GetAllChildrenNumber, new GetAllChildrenNumberResponse(3) },
        { OpCode.AddWatch, new ErrorResponse(ErrorCode.Ok) },
        { OpCode.WhoAmI, new WhoAmIResponse([new ClientInfo("ip", "::1")]) },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Every_reply_body_decodes_by_the_opcode_of_its_request(OpCode type, ZkResponse response)
    {
        var decoded = ResponseDecoder.Decode(type, JuteCodec.Encode(response));

        Assert.IsType(response.GetType(), decoded);
        Assert.Equivalent(response, decoded, strict: true);
    }

    [Theory]
    [InlineData(OpCode.Delete)]
    [InlineData(OpCode.Ping)]
    [InlineData(OpCode.CheckWatches)]
    [InlineData(OpCode.RemoveWatches)]
    [InlineData(OpCode.SetWatches)]
    [InlineData(OpCode.SetWatches2)]
    [InlineData(OpCode.Auth)]
    [InlineData(OpCode.CloseSession)]
    public void Replies_without_a_body_decode_to_null(OpCode type)
    {
        Assert.Null(ResponseDecoder.Decode(type, []));
    }

    [Fact]
    public void A_multi_result_of_an_unknown_type_is_a_JuteException()
    {
        var body = Hex.Bytes("00 00 00 63 00 00 00 00 00  ff ff ff ff 01 ff ff ff ff");

        Assert.Throws<JuteException>(() => ResponseDecoder.Decode(OpCode.Multi, body));
    }

    [Fact]
    public void A_truncated_reply_body_is_a_JuteException()
    {
        var body = JuteCodec.Encode(new GetDataResponse([1, 2, 3], SomeStat));

        Assert.Throws<JuteException>(() => ResponseDecoder.Decode(OpCode.GetData, body[..^1]));
    }
}
