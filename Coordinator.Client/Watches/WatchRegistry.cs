using Coordinator.Protocol;

namespace Coordinator.Client.Watches;

/// <summary>
/// Which callbacks wait for which server path, per <see cref="WatchKind"/>. One-shot watches are removed
/// when their event is materialized; persistent ones stay until removed. Keys are server paths (chroot
/// included) because that is what events and SetWatches carry. Thread-safe: the read loop materializes
/// while API calls register and remove.
/// </summary>
internal sealed class WatchRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<Action<WatchedEvent>>>[] _tables =
        Enum.GetValues<WatchKind>().Select(_ => new Dictionary<string, List<Action<WatchedEvent>>>(StringComparer.Ordinal)).ToArray();

    public void Add(WatchKind kind, string path, Action<WatchedEvent> callback)
    {
        lock (_gate)
        {
            var table = _tables[(int)kind];
            if (!table.TryGetValue(path, out var callbacks))
                table[path] = callbacks = [];
            if (!callbacks.Contains(callback))
                callbacks.Add(callback);
        }
    }

    /// <summary>Removes one callback; true when no callback of that kind is left on the path.</summary>
    public bool Remove(WatchKind kind, string path, Action<WatchedEvent> callback)
    {
        lock (_gate)
        {
            var table = _tables[(int)kind];
            if (!table.TryGetValue(path, out var callbacks))
                return true;
            callbacks.Remove(callback);
            if (callbacks.Count > 0)
                return false;
            table.Remove(path);
            return true;
        }
    }

    /// <summary>Whether any callback of any kind waits on the path.</summary>
    public bool Watches(string path)
    {
        lock (_gate)
            return _tables.Any(t => t.ContainsKey(path));
    }

    /// <summary>Drops every callback of the given kinds on the path.</summary>
    public void RemoveAll(string path, IEnumerable<WatchKind> kinds)
    {
        lock (_gate)
        {
            foreach (var kind in kinds)
                _tables[(int)kind].Remove(path);
        }
    }

    /// <summary>
    /// The callbacks an event from the server triggers, each once, removing the one-shot ones it fires.
    /// Recursive watches see every event at or below them except child-list changes.
    /// </summary>
    public IReadOnlyList<Action<WatchedEvent>> Materialize(EventType type, string path)
    {
        var fired = new List<Action<WatchedEvent>>();
        lock (_gate)
        {
            switch (type)
            {
                case EventType.NodeCreated or EventType.NodeDataChanged:
                    Take(WatchKind.Data, path, fired);
                    Take(WatchKind.Exist, path, fired);
                    break;
                case EventType.NodeDeleted:
                    Take(WatchKind.Data, path, fired);
                    Take(WatchKind.Exist, path, fired);
                    Take(WatchKind.Child, path, fired);
                    break;
                case EventType.NodeChildrenChanged:
                    Take(WatchKind.Child, path, fired);
                    break;
            }

            Copy(WatchKind.Persistent, path, fired);
            if (type != EventType.NodeChildrenChanged)
            {
                for (var ancestor = path; ancestor.Length > 0; ancestor = Parent(ancestor))
                    Copy(WatchKind.PersistentRecursive, ancestor, fired);
            }
        }

        return fired.Distinct().ToArray();
    }

    /// <summary>The paths of every kind.</summary>
    public IReadOnlyDictionary<WatchKind, string[]> Snapshot()
    {
        lock (_gate)
            return Enum.GetValues<WatchKind>().ToDictionary(k => k, k => _tables[(int)k].Keys.ToArray());
    }

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
                return _tables.All(t => t.Count == 0);
        }
    }

    /// <summary>Empties every table (session over) and returns the callbacks that were registered.</summary>
    public IReadOnlyList<Action<WatchedEvent>> Clear()
    {
        lock (_gate)
        {
            var all = _tables.SelectMany(t => t.Values.SelectMany(c => c)).Distinct().ToArray();
            foreach (var table in _tables)
                table.Clear();
            return all;
        }
    }

    private void Take(WatchKind kind, string path, List<Action<WatchedEvent>> into)
    {
        if (_tables[(int)kind].Remove(path, out var callbacks))
            into.AddRange(callbacks);
    }

    private void Copy(WatchKind kind, string path, List<Action<WatchedEvent>> into)
    {
        if (_tables[(int)kind].TryGetValue(path, out var callbacks))
            into.AddRange(callbacks);
    }

    // "/a/b" -> "/a" -> "/" -> "" (stop).
    private static string Parent(string path)
    {
        if (path == "/")
            return "";
        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }
}
