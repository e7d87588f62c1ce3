using System.Buffers;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;

namespace Coordinator.Actors.Tree;

/// <summary>
/// The znode tree of one member. It changes only through <see cref="Apply"/>, which takes every
/// decision from the txn and its header (zxid, time), so all members that apply the same txns in
/// zxid order hold identical trees. Not thread-safe: its owner serializes access.
/// </summary>
public sealed partial class DataTree
{
    private readonly Dictionary<string, ZNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> _ephemerals = [];
    private readonly HashSet<string> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ttls = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SessionRecord> _sessions = [];
    private readonly AclInterning _acls = new();

    /// <summary>A fresh tree (wire doc 5.3): /, /zookeeper, /zookeeper/quota, /zookeeper/config.</summary>
    public DataTree()
        : this(configData: [])
    {
    }

    /// <summary>A fresh tree whose /zookeeper/config holds <paramref name="configData"/> (the ensemble's dynamic config).</summary>
    public DataTree(byte[] configData)
    {
        Insert(ZPath.Root, new ZNode([], Acls.OpenAclUnsafe, 0));
        AddInitialChild("/zookeeper", [], Acls.OpenAclUnsafe);
        AddInitialChild("/zookeeper/quota", [], Acls.OpenAclUnsafe);
        AddInitialChild("/zookeeper/config", configData, Acls.ReadAclUnsafe).Aversion = -1;
    }

    /// <summary>An empty tree to be filled from a snapshot.</summary>
    private DataTree(long lastZxid)
    {
        LastZxid = lastZxid;
    }

    /// <summary>Zxid of the last txn applied (or loaded from a snapshot).</summary>
    public long LastZxid { get; private set; }

    /// <summary>Number of real znodes, including the root.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>The node count ZooKeeper reports (srvr/mntr): its node map holds the root twice, so a fresh tree reads 5.</summary>
    public int ZooKeeperNodeCount => _nodes.Count + 1;

    /// <summary>Sum of path lengths and data lengths over all znodes, as ZooKeeper's approximate data size.</summary>
    public long ApproximateDataSize { get; private set; }

    public IReadOnlyDictionary<long, SessionRecord> Sessions => _sessions;

    public ZNode? GetNode(string path) => _nodes.GetValueOrDefault(path);

    public bool TryGetNode(string path, out ZNode node)
    {
        var found = _nodes.TryGetValue(path, out var value);
        node = value!;
        return found;
    }

    /// <summary>Every znode path, unordered.</summary>
    public IEnumerable<string> Paths => _nodes.Keys;

    /// <summary>Child names of <paramref name="path"/>, or null when it does not exist.</summary>
    public IReadOnlyCollection<string>? GetChildren(string path) => GetNode(path)?.Children;

    /// <summary>Number of descendants (not counting the node), or null when it does not exist.</summary>
    public int? AllChildrenNumber(string path)
    {
        if (!_nodes.ContainsKey(path))
        {
            return null;
        }
        if (path == ZPath.Root)
        {
            return _nodes.Count - 1;
        }
        var prefix = path + "/";
        return _nodes.Keys.Count(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The session's ephemeral paths that start with <paramref name="prefix"/> (plain string
    /// match as in ZooKeeper; null, blank or "/" means all), sorted ordinally.</summary>
    public IReadOnlyList<string> GetEphemerals(long sessionId, string? prefix = null)
    {
        if (!_ephemerals.TryGetValue(sessionId, out var paths))
        {
            return [];
        }
        var all = string.IsNullOrWhiteSpace(prefix) || prefix == ZPath.Root;
        return paths.Where(p => all || p.StartsWith(prefix!, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Sessions that currently own at least one ephemeral node.</summary>
    public IReadOnlyCollection<long> SessionsWithEphemerals => _ephemerals.Keys;

    /// <summary>
    /// Paths the container/TTL reaper should delete at <paramref name="nowMs"/> (wire doc 6.2): empty
    /// containers that once had a child, empty never-used containers older than
    /// <paramref name="maxNeverUsedIntervalMs"/> (0 = never), and empty TTL nodes whose mtime is more
    /// than their TTL ago. Containers first, each group sorted.
    /// </summary>
    public IReadOnlyList<string> ReaperCandidates(long nowMs, long maxNeverUsedIntervalMs = 0)
    {
        var candidates = new List<string>();
        foreach (var path in _containers.Order(StringComparer.Ordinal))
        {
            var node = _nodes[path];
            if (node.NumChildren == 0 &&
                (node.ChildCreates > 0 || (maxNeverUsedIntervalMs > 0 && nowMs - node.Mtime > maxNeverUsedIntervalMs)))
            {
                candidates.Add(path);
            }
        }
        foreach (var path in _ttls.Order(StringComparer.Ordinal))
        {
            var node = _nodes[path];
            if (node.NumChildren == 0 && nowMs - node.Mtime > EphemeralOwner.TtlOf(node.EphemeralOwner))
            {
                candidates.Add(path);
            }
        }
        return candidates;
    }

    /// <summary>Applies one committed txn. Failures (which prep should have prevented) change nothing
    /// and are reported in the result, as ZooKeeper's processTxn does.</summary>
    public ApplyResult Apply(TxnHeader header, Txn txn)
    {
        var triggers = new List<WatchTrigger>();
        var results = new List<OpResult>();
        if (txn is MultiTxn multi)
        {
            ApplyMulti(header, multi, results, triggers);
        }
        else
        {
            results.Add(ApplyOne(header, txn, triggers));
        }
        LastZxid = Math.Max(LastZxid, header.Zxid);
        return new ApplyResult(results, triggers);
    }

    private void ApplyMulti(TxnHeader header, MultiTxn multi, List<OpResult> results, List<WatchTrigger> triggers)
    {
        // A multi with any error op failed as a whole: the other ops report "rolled back" (0).
        if (multi.Ops.Any(op => op is ErrorTxn))
        {
            results.AddRange(multi.Ops.Select(op => OpResult.Failed(op is ErrorTxn error ? error.Error : ErrorCode.Ok)));
            return;
        }
        foreach (var op in multi.Ops)
        {
            results.Add(ApplyOne(header, op, triggers));
        }
    }

    private OpResult ApplyOne(TxnHeader header, Txn txn, List<WatchTrigger> triggers) => txn switch
    {
        CreateTxn create => Create(header, create, triggers),
        DeleteTxn delete => Delete(delete.Path, header.Zxid, triggers),
        DeleteContainerTxn delete => Delete(delete.Path, header.Zxid, triggers),
        SetDataTxn setData => SetData(header, setData, triggers),
        SetAclTxn setAcl => SetAcl(setAcl),
        CheckVersionTxn check => OpResult.Ok(check.Path),
        ErrorTxn error => OpResult.Failed(error.Error),
        CreateSessionTxn createSession => CreateSession(header.SessionId, createSession),
        CloseSessionTxn closeSession => CloseSession(header.Zxid, closeSession, triggers),
        _ => throw new ArgumentException($"{txn.GetType().Name} cannot be applied here", nameof(txn)),
    };

    private OpResult Create(TxnHeader header, CreateTxn txn, List<WatchTrigger> triggers)
    {
        var parentPath = ZPath.Parent(txn.Path);
        if (!_nodes.TryGetValue(parentPath, out var parent))
        {
            return OpResult.Failed(ErrorCode.NoNode, txn.Path);
        }
        if (_nodes.ContainsKey(txn.Path))
        {
            return OpResult.Failed(ErrorCode.NodeExists, txn.Path);
        }
        var node = new ZNode(txn.Data, txn.Acl, txn.EphemeralOwner)
        {
            Czxid = header.Zxid,
            Mzxid = header.Zxid,
            Ctime = header.TimeMs,
            Mtime = header.TimeMs,
            Pzxid = header.Zxid,
        };
        Insert(txn.Path, node);
        parent.AddChild(ZPath.Name(txn.Path));
        // Guarded as in ZooKeeper so a replayed create never moves the counter backwards.
        if (txn.ParentChildCreates > parent.ChildCreates)
        {
            parent.ChildCreates = txn.ParentChildCreates;
            parent.Pzxid = header.Zxid;
        }
        triggers.Add(new WatchTrigger(txn.Path, EventType.NodeCreated, node.Acl));
        triggers.Add(new WatchTrigger(parentPath, EventType.NodeChildrenChanged, parent.Acl));
        return OpResult.Ok(txn.Path, node.Stat);
    }

    private OpResult Delete(string path, long zxid, List<WatchTrigger> triggers)
    {
        if (!_nodes.TryGetValue(path, out var node) || path == ZPath.Root)
        {
            return OpResult.Failed(ErrorCode.NoNode, path);
        }
        if (node.NumChildren > 0)
        {
            return OpResult.Failed(ErrorCode.NotEmpty, path);
        }
        var parentPath = ZPath.Parent(path);
        var parent = _nodes[parentPath];
        Remove(path, node);
        parent.RemoveChild(ZPath.Name(path));
        if (zxid > parent.Pzxid)
        {
            parent.Pzxid = zxid;
        }
        triggers.Add(new WatchTrigger(path, EventType.NodeDeleted, node.Acl));
        triggers.Add(new WatchTrigger(parentPath, EventType.NodeChildrenChanged, parent.Acl));
        return OpResult.Ok(path);
    }

    private OpResult SetData(TxnHeader header, SetDataTxn txn, List<WatchTrigger> triggers)
    {
        if (!_nodes.TryGetValue(txn.Path, out var node))
        {
            return OpResult.Failed(ErrorCode.NoNode, txn.Path);
        }
        ApproximateDataSize += (txn.Data?.Length ?? 0) - (node.Data?.Length ?? 0);
        node.Data = txn.Data;
        node.Version = txn.NewVersion;
        node.Mzxid = header.Zxid;
        node.Mtime = header.TimeMs;
        triggers.Add(new WatchTrigger(txn.Path, EventType.NodeDataChanged, node.Acl));
        return OpResult.Ok(txn.Path, node.Stat);
    }

    private OpResult SetAcl(SetAclTxn txn)
    {
        if (!_nodes.TryGetValue(txn.Path, out var node))
        {
            return OpResult.Failed(ErrorCode.NoNode, txn.Path);
        }
        node.Acl = _acls.Intern(txn.Acl);
        node.Aversion = txn.NewAversion;
        return OpResult.Ok(txn.Path, node.Stat);
    }

    private OpResult CreateSession(long sessionId, CreateSessionTxn txn)
    {
        _sessions[sessionId] = new SessionRecord(txn.TimeoutMs, txn.Password);
        return OpResult.Ok();
    }

    private OpResult CloseSession(long zxid, CloseSessionTxn txn, List<WatchTrigger> triggers)
    {
        // The paths prep resolved come first, in their order; anything else this member still knows
        // the session owns goes too, so no ephemeral can outlive its session.
        var known = GetEphemerals(txn.SessionId);
        foreach (var path in txn.EphemeralPaths.Concat(known.Except(txn.EphemeralPaths, StringComparer.Ordinal)))
        {
            if (_nodes.TryGetValue(path, out var node) && node.EphemeralOwner == txn.SessionId)
            {
                Delete(path, zxid, triggers);
            }
        }
        _sessions.Remove(txn.SessionId);
        return OpResult.Ok();
    }

    private ZNode AddInitialChild(string path, byte[] data, IReadOnlyList<Acl> acl)
    {
        var node = new ZNode(data, acl, 0);
        Insert(path, node);
        _nodes[ZPath.Parent(path)].AddChild(ZPath.Name(path));
        return node;
    }

    private void Insert(string path, ZNode node)
    {
        _nodes.Add(path, node);
        node.Acl = _acls.Intern(node.Acl);
        ApproximateDataSize += path.Length + (node.Data?.Length ?? 0);
        var owner = node.EphemeralOwner;
        if (EphemeralOwner.IsContainer(owner))
        {
            _containers.Add(path);
        }
        else if (EphemeralOwner.IsTtl(owner))
        {
            _ttls.Add(path);
        }
        else if (owner != 0)
        {
            if (!_ephemerals.TryGetValue(owner, out var paths))
            {
                _ephemerals[owner] = paths = new HashSet<string>(StringComparer.Ordinal);
            }
            paths.Add(path);
        }
    }

    private void Remove(string path, ZNode node)
    {
        _nodes.Remove(path);
        ApproximateDataSize -= path.Length + (node.Data?.Length ?? 0);
        _containers.Remove(path);
        _ttls.Remove(path);
        if (_ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
            {
                _ephemerals.Remove(node.EphemeralOwner);
            }
        }
    }
}
