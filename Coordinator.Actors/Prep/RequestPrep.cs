using System.Globalization;
using Coordinator.Actors.Auth;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Actors.Prep;

/// <summary>
/// Turns a client write into the txn every member will apply (ZooKeeper's PrepRequestProcessor).
/// Checks run in exactly ZooKeeper's order (wire doc 7.2), so the first failing check decides the
/// error, against the committed tree overlaid with <see cref="OutstandingChanges"/>. Everything a
/// member must not decide for itself is resolved here: sequential names, new versions, the parent's
/// child counter, the ephemerals of a closing session. A failed write becomes an <see cref="ErrorTxn"/>
/// (it still takes a zxid); a failed multi becomes a <see cref="MultiTxn"/> of error txns.
/// </summary>
public sealed class RequestPrep(DataTree tree, PrepSettings settings, OutstandingChanges? outstanding = null)
{
    public OutstandingChanges Outstanding { get; } = outstanding ?? new OutstandingChanges();

    /// <summary>Prepares a write request (create*, delete, setData, setACL, multi) that will carry <paramref name="zxid"/>.</summary>
    public Txn Prepare(PrepCaller caller, long zxid, OpCode op, ZkRequest request) =>
        op == OpCode.Multi && request is MultiRequest multi
            ? PrepareMulti(caller, zxid, multi)
            : PrepareOne(caller, zxid, op, request);

    /// <summary>closeSession / expiry: delete the session's ephemerals, including creates still outstanding.</summary>
    public Txn PrepareCloseSession(long sessionId, long zxid)
    {
        var paths = new SortedSet<string>(tree.GetEphemerals(sessionId), StringComparer.Ordinal);
        foreach (var change in Outstanding.Latest)
        {
            if (change.State is null)
            {
                paths.Remove(change.Path);
            }
            else if (change.State.EphemeralOwner == sessionId)
            {
                paths.Add(change.Path);
            }
        }
        foreach (var path in paths)
        {
            RecordDelete(zxid, path);
        }
        return new CloseSessionTxn(sessionId, paths.ToList());
    }

    /// <summary>A new session; its id travels in the txn header.</summary>
    public static Txn PrepareCreateSession(int timeoutMs, byte[] password) => new CreateSessionTxn(timeoutMs, password);

    /// <summary>The container/TTL reaper's delete (opcode 20): bad path -> BadArguments, missing -> NoNode,
    /// children -> NotEmpty, ephemeral -> BadVersion.</summary>
    public Txn PrepareDeleteContainer(string path, long zxid)
    {
        if (!ZPath.HasSlashAndNoNul(path) || ZPath.IsSpecial(path))
        {
            return Fail(ErrorCode.BadArguments);
        }
        var node = Lookup(path);
        if (node is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (node.NumChildren > 0)
        {
            return Fail(ErrorCode.NotEmpty);
        }
        // As in ZooKeeper only session-owned nodes are refused (with BadVersion); plain nodes pass.
        if (EphemeralOwner.IsSession(node.EphemeralOwner))
        {
            return Fail(ErrorCode.BadVersion);
        }
        RecordDelete(zxid, path);
        return new DeleteContainerTxn(path);
    }

    private Txn PrepareMulti(PrepCaller caller, long zxid, MultiRequest multi)
    {
        var mark = Outstanding.Mark;
        var ops = new List<Txn>(multi.Ops.Count);
        foreach (var op in multi.Ops)
        {
            var txn = PrepareOne(caller, zxid, op.Type, op.Request);
            ops.Add(txn);
            if (txn is ErrorTxn)
            {
                break;
            }
        }
        if (ops.Count == 0 || ops[^1] is not ErrorTxn failure)
        {
            return new MultiTxn(ops);
        }
        // All or nothing: undo the earlier sub-ops' proposed changes; report 0 for them, the error for
        // the failing op and RuntimeInconsistency for every op after it.
        Outstanding.RollbackTo(mark);
        var failedAt = ops.Count - 1;
        var results = Enumerable.Range(0, multi.Ops.Count)
            .Select(i => (Txn)new ErrorTxn(i < failedAt ? ErrorCode.Ok : i == failedAt ? failure.Error : ErrorCode.RuntimeInconsistency))
            .ToList();
        return new MultiTxn(results);
    }

    private Txn PrepareOne(PrepCaller caller, long zxid, OpCode op, ZkRequest request) => (op, request) switch
    {
        (OpCode.Create or OpCode.Create2 or OpCode.CreateContainer, CreateRequest create) =>
            PrepareCreate(caller, zxid, op, create.Path, create.Data, create.Acl, create.Flags, ttl: -1),
        (OpCode.CreateTtl, CreateTTLRequest create) =>
            PrepareCreate(caller, zxid, op, create.Path, create.Data, create.Acl, create.Flags, create.Ttl),
        (OpCode.Delete, DeleteRequest delete) => PrepareDelete(caller, zxid, delete),
        (OpCode.SetData, SetDataRequest setData) => PrepareSetData(caller, zxid, setData),
        (OpCode.SetAcl, SetACLRequest setAcl) => PrepareSetAcl(caller, zxid, setAcl),
        (OpCode.Check, CheckVersionRequest check) => PrepareCheck(caller, check),
        _ => Fail(ErrorCode.MarshallingError),
    };

    private Txn PrepareCreate(PrepCaller caller, long zxid, OpCode op, string path, byte[]? data, IReadOnlyList<Acl> requestedAcl, int flags, long ttl)
    {
        if (!CreateModeExtensions.IsDefined(flags))
        {
            return Fail(ErrorCode.BadArguments);
        }
        var mode = (CreateMode)flags;
        if (mode.IsTtl() && !settings.TtlEnabled)
        {
            return Fail(ErrorCode.Unimplemented);
        }
        if (mode.IsTtl() ? ttl is < 1 or > EphemeralOwner.MaxTtlMs : ttl >= 0)
        {
            return Fail(ErrorCode.BadArguments);
        }
        if (caller.SessionClosing)
        {
            return Fail(ErrorCode.SessionExpired);
        }
        if (!ZPath.HasSlashAndNoNul(path) || (data?.Length ?? 0) > settings.MaxDataBytes)
        {
            return Fail(ErrorCode.BadArguments);
        }
        var acl = AclFixup.Fixup(requestedAcl, caller.Identities);
        if (acl is null)
        {
            return Fail(ErrorCode.InvalidAcl);
        }
        var parentPath = ZPath.Parent(path);
        var parent = Lookup(parentPath);
        if (parent is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (!AclCheck.IsAllowed(parent.Acl, caller.Identities, Perms.Create))
        {
            return Fail(ErrorCode.NoAuth);
        }
        if (mode.IsSequential())
        {
            path += SequenceSuffix(parent.ChildCreates);
        }
        if (!ZPath.IsValid(path))
        {
            return Fail(ErrorCode.BadArguments);
        }
        if (Lookup(path) is not null)
        {
            return Fail(ErrorCode.NodeExists);
        }
        if (EphemeralOwner.IsSession(parent.EphemeralOwner))
        {
            return Fail(ErrorCode.NoChildrenForEphemerals);
        }
        // The node kind comes from the opcode: flags 4 through create/create2 make a plain node.
        var owner = op switch
        {
            OpCode.CreateContainer => EphemeralOwner.Container,
            OpCode.CreateTtl when mode.IsTtl() => EphemeralOwner.ForTtl(ttl),
            _ when mode.IsEphemeral() => caller.SessionId,
            _ => 0L,
        };
        var childCreates = unchecked(parent.ChildCreates + 1);
        Outstanding.Add(new ChangeRecord(zxid, parentPath, parent with { ChildCreates = childCreates, NumChildren = parent.NumChildren + 1 }));
        Outstanding.Add(new ChangeRecord(zxid, path, new NodeState(acl, 0, 0, 0, 0, owner)));
        return new CreateTxn(path, data, acl, owner, childCreates);
    }

    private Txn PrepareDelete(PrepCaller caller, long zxid, DeleteRequest request)
    {
        if (caller.SessionClosing)
        {
            return Fail(ErrorCode.SessionExpired);
        }
        var path = request.Path;
        if (!ZPath.HasSlashAndNoNul(path) || ZPath.IsSpecial(path))
        {
            return Fail(ErrorCode.BadArguments);
        }
        var parent = Lookup(ZPath.Parent(path));
        if (parent is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (!AclCheck.IsAllowed(parent.Acl, caller.Identities, Perms.Delete))
        {
            return Fail(ErrorCode.NoAuth);
        }
        var node = Lookup(path);
        if (node is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (!VersionMatches(request.Version, node.Version))
        {
            return Fail(ErrorCode.BadVersion);
        }
        if (node.NumChildren > 0)
        {
            return Fail(ErrorCode.NotEmpty);
        }
        RecordDelete(zxid, path);
        return new DeleteTxn(path);
    }

    private Txn PrepareSetData(PrepCaller caller, long zxid, SetDataRequest request)
    {
        if (caller.SessionClosing)
        {
            return Fail(ErrorCode.SessionExpired);
        }
        if (!ZPath.IsValid(request.Path) || (request.Data?.Length ?? 0) > settings.MaxDataBytes)
        {
            return Fail(ErrorCode.BadArguments);
        }
        var node = Lookup(request.Path);
        if (node is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (!AclCheck.IsAllowed(node.Acl, caller.Identities, Perms.Write))
        {
            return Fail(ErrorCode.NoAuth);
        }
        if (!VersionMatches(request.Version, node.Version))
        {
            return Fail(ErrorCode.BadVersion);
        }
        var newVersion = unchecked(node.Version + 1);
        Outstanding.Add(new ChangeRecord(zxid, request.Path, node with { Version = newVersion }));
        return new SetDataTxn(request.Path, request.Data, newVersion);
    }

    private Txn PrepareSetAcl(PrepCaller caller, long zxid, SetACLRequest request)
    {
        if (caller.SessionClosing)
        {
            return Fail(ErrorCode.SessionExpired);
        }
        if (!ZPath.IsValid(request.Path))
        {
            return Fail(ErrorCode.BadArguments);
        }
        var acl = AclFixup.Fixup(request.Acl, caller.Identities);
        if (acl is null)
        {
            return Fail(ErrorCode.InvalidAcl);
        }
        var node = Lookup(request.Path);
        if (node is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (!AclCheck.IsAllowed(node.Acl, caller.Identities, Perms.Admin))
        {
            return Fail(ErrorCode.NoAuth);
        }
        if (!VersionMatches(request.Version, node.Aversion))
        {
            return Fail(ErrorCode.BadVersion);
        }
        var newAversion = unchecked(node.Aversion + 1);
        Outstanding.Add(new ChangeRecord(zxid, request.Path, node with { Acl = acl, Aversion = newAversion }));
        return new SetAclTxn(request.Path, acl, newAversion);
    }

    private Txn PrepareCheck(PrepCaller caller, CheckVersionRequest request)
    {
        if (caller.SessionClosing)
        {
            return Fail(ErrorCode.SessionExpired);
        }
        if (!ZPath.IsValid(request.Path))
        {
            return Fail(ErrorCode.BadArguments);
        }
        var node = Lookup(request.Path);
        if (node is null)
        {
            return Fail(ErrorCode.NoNode);
        }
        if (!AclCheck.IsAllowed(node.Acl, caller.Identities, Perms.Read))
        {
            return Fail(ErrorCode.NoAuth);
        }
        return VersionMatches(request.Version, node.Version)
            ? new CheckVersionTxn(request.Path, request.Version)
            : Fail(ErrorCode.BadVersion);
    }

    /// <summary>The node as prep must see it: the newest outstanding change, else the committed tree.</summary>
    private NodeState? Lookup(string path)
    {
        if (Outstanding.TryGet(path, out var change))
        {
            return change.State;
        }
        var node = tree.GetNode(path);
        return node is null
            ? null
            : new NodeState(node.Acl, node.Version, node.Aversion, node.ChildCreates, node.NumChildren, node.EphemeralOwner);
    }

    private void RecordDelete(long zxid, string path)
    {
        var parentPath = ZPath.Parent(path);
        if (Lookup(parentPath) is { } parent)
        {
            Outstanding.Add(new ChangeRecord(zxid, parentPath, parent with { NumChildren = parent.NumChildren - 1 }));
        }
        Outstanding.Add(new ChangeRecord(zxid, path, null));
    }

    private static bool VersionMatches(int expected, int current) => expected == -1 || expected == current;

    /// <summary>Java's <c>%010d</c>: ten characters including a minus sign, so negative counters
    /// (after the int wraps) keep ZooKeeper's exact names.</summary>
    public static string SequenceSuffix(int childCreates) =>
        childCreates < 0
            ? "-" + (-(long)childCreates).ToString("D9", CultureInfo.InvariantCulture)
            : childCreates.ToString("D10", CultureInfo.InvariantCulture);

    private static ErrorTxn Fail(ErrorCode error) => new(error);
}
