using Coordinator.Actors.Auth;
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
}

/// <summary>
/// Answers reads and session-level requests from the tree and the watch table (ZooKeeper's
/// FinalRequestProcessor), with its check order: NoNode, then READ permission, then the watch.
/// Reading a node and registering its watch happen in one call, so no change can slip between them.
/// </summary>
public sealed class ReadRequests(DataTree tree, WatchTable watches)
{
    public ReadOutcome Execute(ReadCaller caller, OpCode op, ZkRequest request) => (op, request) switch
    {
        (OpCode.Exists, ExistsRequest r) => Exists(caller, r),
        (OpCode.GetData, GetDataRequest r) => GetData(caller, r.Path, r.Watch),
        (OpCode.GetChildren, GetChildrenRequest r) => Children(caller, r.Path, r.Watch, withStat: false),
        (OpCode.GetChildren2, GetChildren2Request r) => Children(caller, r.Path, r.Watch, withStat: true),
        (OpCode.GetAcl, GetACLRequest r) => GetAcl(caller, r.Path),
        (OpCode.GetAllChildrenNumber, GetAllChildrenNumberRequest r) => AllChildrenNumber(caller, r.Path),
        (OpCode.GetEphemerals, GetEphemeralsRequest r) => ReadOutcome.Ok(new GetEphemeralsResponse(tree.GetEphemerals(caller.SessionId, r.PrefixPath))),
        (OpCode.Sync, SyncRequest r) => ReadOutcome.Ok(new SyncResponse(r.Path)),
        (OpCode.Ping, _) => ReadOutcome.Ok(),
        (OpCode.WhoAmI, _) => ReadOutcome.Ok(new WhoAmIResponse(caller.Identities.Select(ClientInfoOf).ToList())),
        (OpCode.Auth, AuthPacket r) => r.Scheme is AuthSchemes.Digest or AuthSchemes.Ip ? ReadOutcome.Ok() : ReadOutcome.Failed(ErrorCode.AuthFailed),
        (OpCode.SetWatches, SetWatches r) => SetWatches(caller, r.RelativeZxid, r.DataWatches, r.ExistWatches, r.ChildWatches, [], []),
        (OpCode.SetWatches2, SetWatches2 r) => SetWatches(caller, r.RelativeZxid, r.DataWatches, r.ExistWatches, r.ChildWatches, r.PersistentWatches, r.PersistentRecursiveWatches),
        (OpCode.AddWatch, AddWatchRequest r) => AddWatch(caller, r),
        (OpCode.CheckWatches, CheckWatchesRequest r) => WatchOutcome(watches.CheckWatches(r.Path, r.Type, caller.ConnectionId)),
        (OpCode.RemoveWatches, RemoveWatchesRequest r) => WatchOutcome(watches.RemoveWatches(r.Path, r.Type, caller.ConnectionId)),
        (OpCode.MultiRead, MultiReadRequest r) => ReadOutcome.Ok(MultiRead(caller, r)),
        (OpCode.Reconfig, _) => ReadOutcome.Failed(ErrorCode.ReconfigDisabled),
        _ => ReadOutcome.Failed(ErrorCode.Unimplemented),
    };

    private ReadOutcome Exists(ReadCaller caller, ExistsRequest request)
    {
        if (request.Path.Contains('\0')) return ReadOutcome.Failed(ErrorCode.BadArguments);
        var node = tree.GetNode(request.Path);
        if (node is not null && !CanRead(caller, node)) return ReadOutcome.Failed(ErrorCode.NoAuth);
        // An exists watch is left even when the node is missing: it fires on NodeCreated.
        if (request.Watch) watches.AddDataWatch(caller.ConnectionId, request.Path);
        return node is null ? ReadOutcome.Failed(ErrorCode.NoNode) : ReadOutcome.Ok(new ExistsResponse(node.Stat));
    }

    private ReadOutcome GetData(ReadCaller caller, string path, bool watch)
    {
        if (Readable(caller, path) is not { } node) return Denied(path);
        if (watch) watches.AddDataWatch(caller.ConnectionId, path);
        return ReadOutcome.Ok(new GetDataResponse(node.Data, node.Stat));
    }

    private ReadOutcome Children(ReadCaller caller, string path, bool watch, bool withStat)
    {
        if (Readable(caller, path) is not { } node) return Denied(path);
        if (watch) watches.AddChildWatch(caller.ConnectionId, path);
        var children = node.Children.ToList();
        return ReadOutcome.Ok(withStat ? new GetChildren2Response(children, node.Stat) : new GetChildrenResponse(children));
    }

    private ReadOutcome GetAcl(ReadCaller caller, string path)
    {
        var node = tree.GetNode(path);
        if (node is null) return ReadOutcome.Failed(ErrorCode.NoNode);
        if (!AclCheck.IsAllowed(node.Acl, caller.Identities, Perms.Read) && !AclCheck.IsAllowed(node.Acl, caller.Identities, Perms.Admin))
            return ReadOutcome.Failed(ErrorCode.NoAuth);
        return ReadOutcome.Ok(new GetACLResponse(AclCheck.VisibleAcl(node.Acl, caller.Identities), node.Stat));
    }

    private ReadOutcome AllChildrenNumber(ReadCaller caller, string path) =>
        Readable(caller, path) is null ? Denied(path) : ReadOutcome.Ok(new GetAllChildrenNumberResponse(tree.AllChildrenNumber(path)!.Value));

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

    private MultiResponse MultiRead(ReadCaller caller, MultiReadRequest request)
    {
        var results = new List<MultiResult>(request.Ops.Count);
        foreach (var op in request.Ops)
        {
            // multiRead never sets watches, whatever the sub-request says.
            var outcome = op.Request switch
            {
                GetDataRequest r => GetData(caller, r.Path, watch: false),
                GetChildrenRequest r => Children(caller, r.Path, watch: false, withStat: false),
                _ => ReadOutcome.Failed(ErrorCode.Unimplemented),
            };
            results.Add(outcome switch
            {
                { Error: not ErrorCode.Ok } => MultiResult.Error(outcome.Error),
                { Body: GetDataResponse d } => MultiResult.Data(d.Data, d.Stat),
                { Body: GetChildrenResponse c } => MultiResult.Children(c.Children),
                _ => MultiResult.Error(ErrorCode.MarshallingError),
            });
        }
        return new MultiResponse(results);
    }

    private ZNode? Readable(ReadCaller caller, string path) =>
        tree.GetNode(path) is { } node && CanRead(caller, node) ? node : null;

    // Called only after Readable failed: tells NoNode from NoAuth.
    private ReadOutcome Denied(string path) =>
        ReadOutcome.Failed(tree.GetNode(path) is null ? ErrorCode.NoNode : ErrorCode.NoAuth);

    private static bool CanRead(ReadCaller caller, ZNode node) => AclCheck.IsAllowed(node.Acl, caller.Identities, Perms.Read);

    private static ClientInfo ClientInfoOf(Id identity) => identity.Scheme switch
    {
        AuthSchemes.Digest => new ClientInfo(AuthSchemes.Digest, identity.Ident.Split(':')[0]),
        AuthSchemes.Super => new ClientInfo(AuthSchemes.Super, ""),
        _ => new ClientInfo(identity.Scheme, identity.Ident),
    };
}
