using Coordinator.Protocol;

namespace Coordinator.Actors.Prep;

/// <summary>What prep needs to know about a node, committed or proposed.</summary>
public sealed record NodeState(
    IReadOnlyList<Acl> Acl,
    int Version,
    int Aversion,
    int ChildCreates,
    int NumChildren,
    long EphemeralOwner);

/// <summary>A proposed change to one path; <paramref name="State"/> null means "deleted".</summary>
public sealed record ChangeRecord(long Zxid, string Path, NodeState? State);

/// <summary>
/// Changes prep has proposed but the tree has not applied yet (ZooKeeper's outstandingChanges).
/// Prep validates against the tree overlaid with these, so two requests in flight cannot both
/// create the same path or take the same sequence number. The owner calls <see cref="Committed"/>
/// after applying each txn to the tree.
/// </summary>
public sealed class OutstandingChanges
{
    private readonly List<ChangeRecord> _log = [];
    private readonly Dictionary<string, ChangeRecord> _latest = new(StringComparer.Ordinal);

    public int Count => _log.Count;

    /// <summary>The newest proposed change of every path that has one.</summary>
    public IEnumerable<ChangeRecord> Latest => _latest.Values;

    public bool TryGet(string path, out ChangeRecord change) => _latest.TryGetValue(path, out change!);

    public void Add(ChangeRecord change)
    {
        _log.Add(change);
        _latest[change.Path] = change;
    }

    /// <summary>Drops every change with zxid ≤ <paramref name="zxid"/>: the tree now shows them.</summary>
    public void Committed(long zxid)
    {
        var done = 0;
        while (done < _log.Count && _log[done].Zxid <= zxid)
        {
            var change = _log[done];
            if (_latest.TryGetValue(change.Path, out var latest) && ReferenceEquals(latest, change))
            {
                _latest.Remove(change.Path);
            }
            done++;
        }
        _log.RemoveRange(0, done);
    }

    internal int Mark => _log.Count;

    /// <summary>Undoes the changes added since <paramref name="mark"/> (a failed multi).</summary>
    internal void RollbackTo(int mark)
    {
        var undone = _log.Skip(mark).Select(c => c.Path).Distinct().ToList();
        _log.RemoveRange(mark, _log.Count - mark);
        foreach (var path in undone)
        {
            var previous = _log.FindLast(c => c.Path == path);
            if (previous is null)
            {
                _latest.Remove(path);
            }
            else
            {
                _latest[path] = previous;
            }
        }
    }
}
