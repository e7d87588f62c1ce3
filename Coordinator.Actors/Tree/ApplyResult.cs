using Coordinator.Protocol;

namespace Coordinator.Actors.Tree;

/// <summary>
/// The outcome of one op of an applied txn. <paramref name="IsError"/> marks results of error txns
/// (multi result type -1): a failed write, or in a failed multi the rolled-back ops (Error = Ok).
/// <paramref name="Stat"/> is set for create, setData and setACL.
/// </summary>
public sealed record OpResult(ErrorCode Error, bool IsError, string? Path = null, Stat? Stat = null)
{
    public static OpResult Ok(string? path = null, Stat? stat = null) => new(ErrorCode.Ok, false, path, stat);

    public static OpResult Failed(ErrorCode error, string? path = null) => new(error, true, path);
}

/// <summary>Which watch tables a trigger consults (wire doc 8.2/8.3).</summary>
[Flags]
public enum WatchTables
{
    Data = 1,
    Child = 2,
}

/// <summary>
/// A watch event the apply caused, in the order it must fire. <paramref name="Acl"/> is the ACL that
/// governs delivery (a connection without READ on it gets nothing): the node's own ACL, the deleted
/// node's ACL for NodeDeleted, the parent's ACL for NodeChildrenChanged.
/// </summary>
public sealed record WatchTrigger(string Path, EventType Type, IReadOnlyList<Acl> Acl)
{
    /// <summary>NodeDeleted consults both tables (one event per connection); NodeChildrenChanged the
    /// child table; NodeCreated and NodeDataChanged the data table.</summary>
    public WatchTables Tables => Type switch
    {
        EventType.NodeDeleted => WatchTables.Data | WatchTables.Child,
        EventType.NodeChildrenChanged => WatchTables.Child,
        _ => WatchTables.Data,
    };
}

/// <summary>Per-op results (one entry, or one per sub-op of a multi) and the watch triggers in firing order.</summary>
public sealed record ApplyResult(IReadOnlyList<OpResult> Results, IReadOnlyList<WatchTrigger> Triggers)
{
    /// <summary>The result of a txn that is not a multi.</summary>
    public OpResult Single => Results[0];
}

/// <summary>A session as the tree remembers it, so sessions survive a restart through the snapshot.</summary>
public sealed record SessionRecord(int TimeoutMs, byte[] Password);
