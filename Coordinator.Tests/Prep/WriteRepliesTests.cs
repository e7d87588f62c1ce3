using Coordinator.Actors.Prep;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Prep;

public sealed class WriteRepliesTests
{
    [Fact]
    public void A_successful_multi_reply_uses_the_result_type_each_opcode_calls_for()
    {
        var writer = new StandaloneWriter();
        writer.Create("/x");
        var request = new MultiRequest([
            new MultiOp(OpCode.Create, new CreateRequest("/a", [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.Create2, new CreateRequest("/b", [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.CreateContainer, new CreateRequest("/c", [], Acls.OpenAclUnsafe, 4)),
            new MultiOp(OpCode.SetData, new SetDataRequest("/x", [], -1)),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/x", 1)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/x", -1)),
        ]);

        var response = WriteReplies.Multi(request, writer.Write(OpCode.Multi, request));

        Assert.Equal(
            [OpCode.Create, OpCode.Create, OpCode.Create2, OpCode.SetData, OpCode.Check, OpCode.Delete],
            response.Results.Select(r => r.Type));
        Assert.Equal(new CreateResponse("/a"), response.Results[0].Body);
        // ZooKeeper 3.8 decays create2 to create inside a multi; containers still get path and Stat.
        Assert.Equal(new CreateResponse("/b"), response.Results[1].Body);
        Assert.Equal(new Create2Response("/c", writer.Tree.GetNode("/c")!.Stat), response.Results[2].Body);
        Assert.All(response.Results, r => Assert.Equal(ErrorCode.Ok, r.Err));
    }

    [Fact]
    public void A_failed_multi_reply_matches_the_protocols_failed_shape()
    {
        var writer = new StandaloneWriter();
        var request = new MultiRequest([
            new MultiOp(OpCode.Create, new CreateRequest("/x", [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/nope", -1)),
            new MultiOp(OpCode.Create, new CreateRequest("/y", [], Acls.OpenAclUnsafe, 0)),
        ]);

        var response = WriteReplies.Multi(request, writer.Write(OpCode.Multi, request));

        Assert.Equal(MultiResponse.Failed(3, 1, ErrorCode.NoNode).Results, response.Results);
    }
}
