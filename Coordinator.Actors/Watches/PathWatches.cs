using Coordinator.Actors.Tree;
using Coordinator.Protocol;

namespace Coordinator.Actors.Watches;

/// <summary>
/// One watch table, indexed both ways: path -> (watcher -> mode) to fire, watcher -> paths to drop a
/// closing connection cheaply.
/// </summary>
internal sealed class PathWatches
{
    private readonly Dictionary<string, Dictionary<long, WatchMode>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> _byWatcher = [];
    private int _recursiveCount;

    public IEnumerable<long> Watchers => _byWatcher.Keys;

    public IEnumerable<string> PathsWatched => _byPath.Keys;

    public WatchStats Stats => new(_byWatcher.Count, _byPath.Count, _byPath.Values.Sum(w => w.Count));

    public void Add(long watcherId, string path, WatchMode mode)
    {
        if (!_byPath.TryGetValue(path, out var watchers))
        {
            _byPath[path] = watchers = [];
        }
        if (watchers.TryGetValue(watcherId, out var previous) && previous == WatchMode.PersistentRecursive)
        {
            _recursiveCount--;
        }
        watchers[watcherId] = mode;
        if (mode == WatchMode.PersistentRecursive)
        {
            _recursiveCount++;
        }
        if (!_byWatcher.TryGetValue(watcherId, out var paths))
        {
            _byWatcher[watcherId] = paths = new HashSet<string>(StringComparer.Ordinal);
        }
        paths.Add(path);
    }

    public WatchMode? ModeOf(long watcherId, string path) =>
        _byPath.TryGetValue(path, out var watchers) && watchers.TryGetValue(watcherId, out var mode) ? mode : null;

    /// <summary>
    /// Adds to <paramref name="notified"/> every watcher this change reaches: any watch on the path
    /// itself, and recursive watches on ancestors (except for NodeChildrenChanged). Standard watches
    /// that match are consumed even when the watcher was already notified through the other table
    /// (the set keeps it to one event), as in ZooKeeper.
    /// </summary>
    public void Fire(string path, EventType type, ISet<long> notified)
    {
        var paths = _recursiveCount > 0 ? ZPath.SelfAndAncestors(path) : [path];
        foreach (var watchedPath in paths)
        {
            if (!_byPath.TryGetValue(watchedPath, out var watchers))
            {
                continue;
            }
            var atSelf = watchedPath == path;
            foreach (var (watcherId, mode) in watchers.ToList())
            {
                if (mode == WatchMode.PersistentRecursive)
                {
                    if (type != EventType.NodeChildrenChanged)
                    {
                        notified.Add(watcherId);
                    }
                }
                else if (atSelf)
                {
                    notified.Add(watcherId);
                    if (mode == WatchMode.Standard)
                    {
                        Remove(watcherId, watchedPath);
                    }
                }
            }
        }
    }

    public void Remove(long watcherId, string path)
    {
        if (_byPath.TryGetValue(path, out var watchers) && watchers.Remove(watcherId, out var mode))
        {
            if (mode == WatchMode.PersistentRecursive)
            {
                _recursiveCount--;
            }
            if (watchers.Count == 0)
            {
                _byPath.Remove(path);
            }
        }
        if (_byWatcher.TryGetValue(watcherId, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
            {
                _byWatcher.Remove(watcherId);
            }
        }
    }

    public void RemoveWatcher(long watcherId)
    {
        if (!_byWatcher.TryGetValue(watcherId, out var paths))
        {
            return;
        }
        foreach (var path in paths.ToList())
        {
            Remove(watcherId, path);
        }
    }
}
