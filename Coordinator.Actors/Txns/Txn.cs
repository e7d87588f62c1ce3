using Coordinator.Protocol;

namespace Coordinator.Actors.Txns;

/// <summary>
/// Who wrote a txn and where it sits in the log. Zxid and TimeMs are decided once by the leader so
/// that every member applies the txn identically (time never comes from the applying member's clock).
/// </summary>
public readonly record struct TxnHeader(long SessionId, int Cxid, long Zxid, long TimeMs);

/// <summary>
/// A replicated state change, fully resolved by request prep: final paths, new versions and the
/// parent's child counter are decided before the txn is logged, so applying it needs no judgement.
/// The set of bodies is closed (the constructor is internal).
/// </summary>
public abstract record Txn
{
    private protected Txn()
    {
    }
}

/// <summary>Create <paramref name="Path"/>. <paramref name="EphemeralOwner"/> is the raw internal
/// encoding (see <c>Tree.EphemeralOwner</c>): 0, a session id, the container marker or a TTL.
/// <paramref name="ParentChildCreates"/> is the parent's child-create counter C after this create.</summary>
public sealed record CreateTxn(string Path, byte[]? Data, IReadOnlyList<Acl> Acl, long EphemeralOwner, int ParentChildCreates) : Txn;

public sealed record DeleteTxn(string Path) : Txn;

/// <summary>Replace the data; <paramref name="NewVersion"/> is the node's data version afterwards.</summary>
public sealed record SetDataTxn(string Path, byte[]? Data, int NewVersion) : Txn;

/// <summary>Replace the ACL; <paramref name="NewAversion"/> is the node's ACL version afterwards.</summary>
public sealed record SetAclTxn(string Path, IReadOnlyList<Acl> Acl, int NewAversion) : Txn;

/// <summary>A passed version check inside a multi; changes nothing.</summary>
public sealed record CheckVersionTxn(string Path, int Version) : Txn;

/// <summary>A write that failed in prep. It still takes a zxid, as in ZooKeeper, but changes nothing.
/// Inside a failed multi, <see cref="ErrorCode.Ok"/> marks an op that was rolled back.</summary>
public sealed record ErrorTxn(ErrorCode Error) : Txn;

/// <summary>All-or-nothing batch. Either every sub-txn is a real change, or every one is an
/// <see cref="ErrorTxn"/> (a failed multi, kept so each op can report its own result).</summary>
public sealed record MultiTxn(IReadOnlyList<Txn> Ops) : Txn;

/// <summary>A new session (id in the header). The password is logged so a session survives restart.</summary>
public sealed record CreateSessionTxn(int TimeoutMs, byte[] Password) : Txn;

/// <summary>End of a session: delete its ephemerals. <paramref name="EphemeralPaths"/> is resolved by
/// prep, including creates that were still outstanding when the close was prepared.</summary>
public sealed record CloseSessionTxn(long SessionId, IReadOnlyList<string> EphemeralPaths) : Txn;

/// <summary>The container/TTL reaper's delete (opcode 20); watches fire as for a delete.</summary>
public sealed record DeleteContainerTxn(string Path) : Txn;
