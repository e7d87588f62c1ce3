using Coordinator.Actors.Auth;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Prep;

/// <summary>The answer to a read: an error code, and the response record when it is Ok.</summary>
public readonly record struct ReadReply(ErrorCode Error, ZkResponse? Response)
{
    public static ReadReply Ok(ZkResponse response) => new(ErrorCode.Ok, response);

    public static ReadReply Fail(ErrorCode error) => new(error, null);
}

/// <summary>
/// Reads answered from the local tree, with ZooKeeper's error order (wire doc 7.2) and watch
/// registration done in the same call as the read, so no change can slip between the two. The caller
/// must not apply txns concurrently with these calls.
/// </summary>
public sealed class ReadOps(DataTree tree, WatchTable watches)
{
    /// <summary>exists: NUL in path -> BadArguments; existing node without READ -> NoAuth (no watch);
    /// otherwise the watch is registered even when the node is missing (then NoNode).</summary>
    public ReadReply Exists(ExistsRequest request, long watcherId, IReadOnlyList<Id> identities)
    {
        if (request.Path.Contains('\0'))
        {
            return ReadReply.Fail(ErrorCode.BadArguments);
        }
        var node = tree.GetNode(request.Path);
        if (node is not null && !AclCheck.IsAllowed(node.Acl, identities, Perms.Read))
        {
            return ReadReply.Fail(ErrorCode.NoAuth);
        }
        if (request.Watch)
        {
            watches.AddDataWatch(watcherId, request.Path);
        }
        return node is null ? ReadReply.Fail(ErrorCode.NoNode) : ReadReply.Ok(new ExistsResponse(node.Stat));
    }

    public ReadReply GetData(GetDataRequest request, long watcherId, IReadOnlyList<Id> identities)
    {
        if (Readable(request.Path, identities, out var node) is { } error)
        {
            return ReadReply.Fail(error);
        }
        if (request.Watch)
        {
            watches.AddDataWatch(watcherId, request.Path);
        }
        return ReadReply.Ok(new GetDataResponse(node.Data, node.Stat));
    }

    public ReadReply GetChildren(GetChildrenRequest request, long watcherId, IReadOnlyList<Id> identities)
    {
        if (Readable(request.Path, identities, out var node) is { } error)
        {
            return ReadReply.Fail(error);
        }
        if (request.Watch)
        {
            watches.AddChildWatch(watcherId, request.Path);
        }
        return ReadReply.Ok(new GetChildrenResponse(node.ChildList));
    }

    /// <summary>getChildren2: the children plus the Stat of the parent.</summary>
    public ReadReply GetChildren2(GetChildren2Request request, long watcherId, IReadOnlyList<Id> identities)
    {
        if (Readable(request.Path, identities, out var node) is { } error)
        {
            return ReadReply.Fail(error);
        }
        if (request.Watch)
        {
            watches.AddChildWatch(watcherId, request.Path);
        }
        return ReadReply.Ok(new GetChildren2Response(node.ChildList, node.Stat));
    }

    /// <summary>getACL needs READ or ADMIN; without ADMIN digest ids come back masked.</summary>
    public ReadReply GetAcl(GetACLRequest request, IReadOnlyList<Id> identities)
    {
        var node = tree.GetNode(request.Path);
        if (node is null)
        {
            return ReadReply.Fail(ErrorCode.NoNode);
        }
        if (!AclCheck.IsAllowed(node.Acl, identities, Perms.Read | Perms.Admin))
        {
            return ReadReply.Fail(ErrorCode.NoAuth);
        }
        return ReadReply.Ok(new GetACLResponse(AclCheck.VisibleAcl(node.Acl, identities), node.Stat));
    }

    public ReadReply GetAllChildrenNumber(GetAllChildrenNumberRequest request, IReadOnlyList<Id> identities) =>
        Readable(request.Path, identities, out _) is { } error
            ? ReadReply.Fail(error)
            : ReadReply.Ok(new GetAllChildrenNumberResponse(tree.AllChildrenNumber(request.Path)!.Value));

    /// <summary>The calling session's ephemerals under a plain string prefix; never fails.</summary>
    public ReadReply GetEphemerals(GetEphemeralsRequest request, long sessionId) =>
        ReadReply.Ok(new GetEphemeralsResponse(tree.GetEphemerals(sessionId, request.PrefixPath)));

    /// <summary>multiRead: each op on its own, errors reported per op, no watches.</summary>
    public MultiResponse MultiRead(MultiReadRequest request, IReadOnlyList<Id> identities)
    {
        var results = new List<MultiResult>(request.Ops.Count);
        foreach (var op in request.Ops)
        {
            var path = op.Request switch
            {
                GetDataRequest getData => getData.Path,
                GetChildrenRequest getChildren => getChildren.Path,
                _ => null,
            };
            if (path is null)
            {
                results.Add(MultiResult.Error(ErrorCode.MarshallingError));
            }
            else if (Readable(path, identities, out var node) is { } error)
            {
                results.Add(MultiResult.Error(error));
            }
            else
            {
                results.Add(op.Request is GetDataRequest ? MultiResult.Data(node.Data, node.Stat) : MultiResult.Children(node.ChildList));
            }
        }
        return new MultiResponse(results);
    }

    /// <summary>The getData/getChildren order: missing -> NoNode, then no READ -> NoAuth.</summary>
    private ErrorCode? Readable(string path, IReadOnlyList<Id> identities, out ZNode node)
    {
        node = tree.GetNode(path)!;
        if (node is null)
        {
            return ErrorCode.NoNode;
        }
        return AclCheck.IsAllowed(node.Acl, identities, Perms.Read) ? null : ErrorCode.NoAuth;
    }
}
