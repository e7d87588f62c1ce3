using Coordinator.Actors.Auth;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Reads;

/// <summary>Who is reading: the connection (watches belong to it), its session and identities.</summary>
public sealed record ReadCaller(long ConnectionId, long SessionId, IReadOnlyList<Id> Identities);

/// <summary>
/// The answer to a request that needs no txn: an error code or a body, plus watch events that must reach
/// the client before the reply (SetWatches catch-up).
/// </summary>
public sealed record ReadOutcome(ErrorCode Error, ZkResponse? Body, IReadOnlyList<WatchedEvent> EventsBefore)
{
    public static ReadOutcome Ok(ZkResponse? body = null) => new(ErrorCode.Ok, body, []);

    public static ReadOutcome Failed(ErrorCode error) => new(error, null, []);

    public static ReadOutcome Of(ReadReply reply) => new(reply.Error, reply.Response, []);
}

/// <summary>
/// Answers every request that needs no txn (ZooKeeper's FinalRequestProcessor for reads and
/// session-level ops): node reads through <see cref="ReadOps"/>, watch registration and removal,
/// SetWatches catch-up, sync, ping, whoAmI and auth replies.
/// </summary>
public sealed class ReadRequests(DataTree tree, WatchTable watches)
{
    private readonly ReadOps _reads = new(tree, watches);

    public ReadOutcome Execute(ReadCaller caller, OpCode op, ZkRequest request) => (op, request) switch
    {
        (OpCode.Exists, ExistsRequest r) => ReadOutcome.Of(_reads.Exists(r, caller.ConnectionId, caller.Identities)),
        (OpCode.GetData, GetDataRequest r) => ReadOutcome.Of(_reads.GetData(r, caller.ConnectionId, caller.Identities)),
        (OpCode.GetChildren, GetChildrenRequest r) => ReadOutcome.Of(_reads.GetChildren(r, caller.ConnectionId, caller.Identities)),
        (OpCode.GetChildren2, GetChildren2Request r) => ReadOutcome.Of(_reads.GetChildren2(r, caller.ConnectionId, caller.Identities)),
        (OpCode.GetAcl, GetACLRequest r) => ReadOutcome.Of(_reads.GetAcl(r, caller.Identities)),
        (OpCode.GetAllChildrenNumber, GetAllChildrenNumberRequest r) => ReadOutcome.Of(_reads.GetAllChildrenNumber(r, caller.Identities)),
        (OpCode.GetEphemerals, GetEphemeralsRequest r) => ReadOutcome.Of(_reads.GetEphemerals(r, caller.SessionId)),
        (OpCode.MultiRead, MultiReadRequest r) => ReadOutcome.Ok(_reads.MultiRead(r, caller.Identities)),
        (OpCode.Sync, SyncRequest r) => ReadOutcome.Ok(new SyncResponse(r.Path)),
        (OpCode.Ping, _) => ReadOutcome.Ok(),
        // The connection already added the identity (or answered AuthFailed itself); here only the in-order reply remains.
        (OpCode.Auth, _) => ReadOutcome.Ok(),
        (OpCode.WhoAmI, _) => ReadOutcome.Ok(new WhoAmIResponse(ConnectionIdentities.WhoAmI(caller.Identities))),
        (OpCode.SetWatches, SetWatches r) => SetWatches(caller, r.RelativeZxid, r.DataWatches, r.ExistWatches, r.ChildWatches, [], []),
        (OpCode.SetWatches2, SetWatches2 r) => SetWatches(caller, r.RelativeZxid, r.DataWatches, r.ExistWatches, r.ChildWatches, r.PersistentWatches, r.PersistentRecursiveWatches),
        (OpCode.AddWatch, AddWatchRequest r) => AddWatch(caller, r),
        (OpCode.CheckWatches, CheckWatchesRequest r) => WatchOutcome(watches.CheckWatches(r.Path, r.Type, caller.ConnectionId)),
        (OpCode.RemoveWatches, RemoveWatchesRequest r) => WatchOutcome(watches.RemoveWatches(r.Path, r.Type, caller.ConnectionId)),
        (OpCode.Reconfig, _) => ReadOutcome.Failed(ErrorCode.ReconfigDisabled),
        _ => ReadOutcome.Failed(ErrorCode.Unimplemented),
    };

    private ReadOutcome SetWatches(
        ReadCaller caller, long relativeZxid, IEnumerable<string> data, IEnumerable<string> exist,
        IEnumerable<string> child, IEnumerable<string> persistent, IEnumerable<string> recursive)
    {
        var events = watches.SetWatches(caller.ConnectionId, relativeZxid, tree, data, exist, child, persistent, recursive);
        return new ReadOutcome(ErrorCode.Ok, null, events);
    }

    private ReadOutcome AddWatch(ReadCaller caller, AddWatchRequest request)
    {
        watches.AddPersistentWatch(caller.ConnectionId, request.Path, request.Mode);
        // addWatch answers with a 4-byte ErrorResponse body even on success; clients expect it.
        return ReadOutcome.Ok(new ErrorResponse(ErrorCode.Ok));
    }

    private static ReadOutcome WatchOutcome(ErrorCode error) => error == ErrorCode.Ok ? ReadOutcome.Ok() : ReadOutcome.Failed(error);
}
