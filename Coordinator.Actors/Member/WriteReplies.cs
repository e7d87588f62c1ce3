using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Member;

/// <summary>Turns an applied write into the reply ZooKeeper sends for its opcode (wire doc 4.2 and 9.3).</summary>
public static class WriteReplies
{
    public static (ErrorCode Error, ZkResponse? Body) For(OpCode op, ZkRequest request, Txn txn, ApplyResult result)
    {
        // First: a multi whose body did not parse is a single error txn (MarshallingError in the header,
        // as ZooKeeper answers it), not a MultiTxn, and its request is no MultiRequest.
        if (txn is ErrorTxn failed) return (failed.Error, null);
        if (op == OpCode.Multi)
        {
            var ops = ((MultiRequest)request).Ops;
            return (ErrorCode.Ok, new MultiResponse(ops.Select((sub, i) => MultiResultOf(sub.Type, result.Results[i])).ToList()));
        }
        var single = result.Single;
        return op switch
        {
            OpCode.Create => (ErrorCode.Ok, new CreateResponse(single.Path!)),
            OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => (ErrorCode.Ok, new Create2Response(single.Path!, single.Stat!.Value)),
            OpCode.SetData => (ErrorCode.Ok, new SetDataResponse(single.Stat!.Value)),
            OpCode.SetAcl => (ErrorCode.Ok, new SetACLResponse(single.Stat!.Value)),
            _ => (ErrorCode.Ok, null),
        };
    }

    private static MultiResult MultiResultOf(OpCode subOp, OpResult result)
    {
        if (result.IsError) return MultiResult.Error(result.Error);
        return subOp switch
        {
            OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl =>
                MultiResult.Created(subOp, result.Path!, result.Stat!.Value),
            OpCode.Delete => MultiResult.Deleted(),
            OpCode.SetData => MultiResult.DataSet(result.Stat!.Value),
            _ => MultiResult.Checked(),
        };
    }
}
