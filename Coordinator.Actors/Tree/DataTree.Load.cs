using Coordinator.Actors.Txns;

namespace Coordinator.Actors.Tree;

public sealed partial class DataTree
{
    /// <summary>Rebuilds a tree from snapshot content, checking that it forms one tree under "/".</summary>
    internal static DataTree FromSnapshot(long lastZxid, Dictionary<long, SessionRecord> sessions, List<(string Path, ZNode Node)> nodes)
    {
        var tree = new DataTree(lastZxid);
        foreach (var (id, session) in sessions)
        {
            tree._sessions.Add(id, session);
        }
        foreach (var (path, node) in nodes)
        {
            if (path != ZPath.Root && !ZPath.IsValid(path))
            {
                throw new CorruptRecordException($"invalid znode path '{path}' in snapshot");
            }
            if (tree._nodes.ContainsKey(path))
            {
                throw new CorruptRecordException($"znode '{path}' appears twice in snapshot");
            }
            tree.Insert(path, node);
        }
        if (!tree._nodes.ContainsKey(ZPath.Root))
        {
            throw new CorruptRecordException("snapshot has no root znode");
        }
        foreach (var (path, _) in nodes)
        {
            if (path == ZPath.Root)
            {
                continue;
            }
            if (!tree._nodes.TryGetValue(ZPath.Parent(path), out var parent))
            {
                throw new CorruptRecordException($"znode '{path}' has no parent in snapshot");
            }
            parent.AddChild(ZPath.Name(path));
        }
        return tree;
    }
}
