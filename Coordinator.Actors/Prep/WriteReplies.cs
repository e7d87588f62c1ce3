using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Prep;

/// <summary>Turns what applying a write produced into the reply record the client expects.</summary>
public static class WriteReplies
{
    /// <summary>
    /// The reply to an applied write: for a multi its per-op results (header err 0); for a failed write
    /// only the error; otherwise the record the opcode calls for (create: path; create2/container/TTL:
    /// path and Stat; setData/setACL: Stat; delete and closeSession: nothing).
    /// </summary>
    public static (ErrorCode Error, ZkResponse? Body) For(OpCode op, ZkRequest request, Txn txn, ApplyResult applied)
    {
        if (request is MultiRequest multi) return (ErrorCode.Ok, Multi(multi, applied));
        if (txn is ErrorTxn failed) return (failed.Error, null);
        var single = applied.Single;
        return op switch
        {
            OpCode.Create => (ErrorCode.Ok, new CreateResponse(single.Path!)),
            OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => (ErrorCode.Ok, new Create2Response(single.Path!, single.Stat!.Value)),
            OpCode.SetData => (ErrorCode.Ok, new SetDataResponse(single.Stat!.Value)),
            OpCode.SetAcl => (ErrorCode.Ok, new SetACLResponse(single.Stat!.Value)),
            _ => (ErrorCode.Ok, null),
        };
    }

    /// <summary>
    /// The multi reply: per op, the success result its opcode calls for (create -> type 1 with path,
    /// create2/createContainer/createTTL -> type 15 with path and Stat), or type -1 with the op's error
    /// (0 for rolled-back ops of a failed multi).
    /// </summary>
    public static MultiResponse Multi(MultiRequest request, ApplyResult applied)
    {
        if (applied.Results.Count != request.Ops.Count)
        {
            throw new ArgumentException($"{applied.Results.Count} results for {request.Ops.Count} ops", nameof(applied));
        }
        var results = request.Ops.Zip(applied.Results, (op, result) => result.IsError || result.Error != ErrorCode.Ok
            ? MultiResult.Error(result.Error)
            : op.Type switch
            {
                OpCode.Create or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl =>
                    MultiResult.Created(op.Type, result.Path!, result.Stat!.Value),
                OpCode.Delete => MultiResult.Deleted(),
                OpCode.SetData => MultiResult.DataSet(result.Stat!.Value),
                _ => MultiResult.Checked(),
            });
        return new MultiResponse(results.ToList());
    }
}
