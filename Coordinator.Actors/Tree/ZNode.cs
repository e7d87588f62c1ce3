using Coordinator.Protocol;
using Coordinator.Protocol.Jute;

namespace Coordinator.Actors.Tree;

/// <summary>
/// One znode as the tree stores it. Mutated only by <see cref="DataTree"/> while applying txns.
/// <see cref="ChildCreates"/> is ZooKeeper's stored cversion: the number of children ever created
/// here. Clients see <c>2 * ChildCreates - NumChildren</c> (wire doc 5.2), and sequential suffixes use
/// <see cref="ChildCreates"/> itself.
/// </summary>
public sealed class ZNode
{
    // Created with the first child: most znodes are leaves, and an empty set still costs about 64 bytes.
    private HashSet<string>? _children;

    // The child list as last handed to readers; dropped on every change. Readers of a large, rarely
    // changing child list then share one copy and one wire encoding instead of building both per read.
    private EncodedStringVector? _childList;

    internal ZNode(byte[]? data, IReadOnlyList<Acl> acl, long ephemeralOwner)
    {
        Data = data;
        Acl = acl;
        EphemeralOwner = ephemeralOwner;
    }

    public byte[]? Data { get; internal set; }
    public IReadOnlyList<Acl> Acl { get; internal set; }
    public long Czxid { get; internal set; }
    public long Mzxid { get; internal set; }
    public long Ctime { get; internal set; }
    public long Mtime { get; internal set; }
    public int Version { get; internal set; }
    public int Aversion { get; internal set; }
    public int ChildCreates { get; internal set; }

    /// <summary>The raw owner (see <see cref="Tree.EphemeralOwner"/>), not what clients see.</summary>
    public long EphemeralOwner { get; }

    public long Pzxid { get; internal set; }

    /// <summary>Child names (last segments), unordered as in ZooKeeper.</summary>
    public IReadOnlyCollection<string> Children => (IReadOnlyCollection<string>?)_children ?? [];

    public int NumChildren => _children?.Count ?? 0;

    /// <summary>An immutable copy of the child names, unordered, shared by every read until the children change.</summary>
    public EncodedStringVector ChildList => _childList ??= new EncodedStringVector(_children?.ToArray() ?? []);

    /// <summary>The Stat clients see, with the cversion and ephemeralOwner mapping applied.</summary>
    public Stat Stat => new(
        Czxid,
        Mzxid,
        Ctime,
        Mtime,
        Version,
        unchecked((2 * ChildCreates) - NumChildren),
        Aversion,
        Tree.EphemeralOwner.Visible(EphemeralOwner),
        Data?.Length ?? 0,
        NumChildren,
        Pzxid);

    internal bool AddChild(string name)
    {
        _childList = null;
        _children ??= new HashSet<string>(StringComparer.Ordinal);
        return _children.Add(name);
    }

    internal bool RemoveChild(string name)
    {
        _childList = null;
        return _children?.Remove(name) ?? false;
    }
}
