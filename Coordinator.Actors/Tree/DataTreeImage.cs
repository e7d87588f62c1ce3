namespace Coordinator.Actors.Tree;

/// <summary>One znode's stored fields at the moment its tree was captured; nothing in it changes afterwards.</summary>
internal readonly record struct ZNodeImage(
    string Path,
    byte[]? Data,
    IReadOnlyList<Protocol.Acl> Acl,
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int ChildCreates,
    int Aversion,
    long EphemeralOwner,
    long Pzxid)
{
    /// <summary>Copies the node's fields; data and ACL are shared, because the tree replaces them and never edits them in place.</summary>
    public ZNodeImage(string path, ZNode node)
        : this(path, node.Data, node.Acl, node.Czxid, node.Mzxid, node.Ctime, node.Mtime, node.Version, node.ChildCreates,
            node.Aversion, node.EphemeralOwner, node.Pzxid)
    {
    }
}

/// <summary>
/// A point-in-time copy of everything a snapshot holds. <see cref="DataTree.Capture"/> takes it in one pass
/// over the nodes, copying fields only, so the tree's owner pays for the copy and nothing more; sorting and
/// serializing (<see cref="DataTreeSnapshot.Write(DataTreeImage)"/>) can then run on any thread while the
/// tree moves on.
/// </summary>
public sealed class DataTreeImage
{
    internal DataTreeImage(long lastZxid, KeyValuePair<long, SessionRecord>[] sessions, ZNodeImage[] nodes, long approximateDataSize)
    {
        LastZxid = lastZxid;
        Sessions = sessions;
        Nodes = nodes;
        ApproximateDataSize = approximateDataSize;
    }

    /// <summary>Zxid of the last txn applied to the tree when it was captured.</summary>
    public long LastZxid { get; }

    public int NodeCount => Nodes.Length;

    internal KeyValuePair<long, SessionRecord>[] Sessions { get; }

    /// <summary>Unordered, as the tree holds them.</summary>
    internal ZNodeImage[] Nodes { get; }

    /// <summary>Sum of path and data lengths, to size the serialized snapshot up front.</summary>
    internal long ApproximateDataSize { get; }
}
