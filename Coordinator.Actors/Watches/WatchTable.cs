using Coordinator.Actors.Auth;
using Coordinator.Actors.Tree;
using Coordinator.Protocol;

namespace Coordinator.Actors.Watches;

/// <summary>How a watch behaves when it fires (wire doc 8.4).</summary>
public enum WatchMode
{
    /// <summary>exists/getData/getChildren: removed when it fires.</summary>
    Standard,

    /// <summary>addWatch PERSISTENT: stays; sees the path itself (data and child table).</summary>
    Persistent,

    /// <summary>addWatch PERSISTENT_RECURSIVE: stays; sees the path and all descendants, never NodeChildrenChanged.</summary>
    PersistentRecursive,
}

/// <summary>A watch notification as the server sends it (state is always SyncConnected).</summary>
public readonly record struct WatchedEvent(EventType Type, string Path)
{
    public KeeperState State => KeeperState.SyncConnected;
}

/// <summary>One event for one watcher (a connection id).</summary>
public readonly record struct WatchDelivery(long WatcherId, WatchedEvent Event);

/// <summary>Counts for wchs/mntr.</summary>
public readonly record struct WatchStats(int Connections, int Paths, int Watches);

/// <summary>
/// The member's watches, keyed by watcher id (the connection id): ZooKeeper's two tables, data and
/// child (wire doc 8.2). ZooKeeper 3.8 semantics: one mode per (connection, path) in each table, and
/// registering again replaces the mode. Watches are local to a member and never replicated.
/// Delivery can be filtered on READ with the identities overload of Trigger.
/// </summary>
public sealed class WatchTable
{
    private readonly PathWatches _data = new();
    private readonly PathWatches _child = new();

    /// <summary>exists(watch) (even for a missing node) or getData(watch).</summary>
    public void AddDataWatch(long watcherId, string path) => _data.Add(watcherId, path, WatchMode.Standard);

    /// <summary>getChildren(watch) / getChildren2(watch).</summary>
    public void AddChildWatch(long watcherId, string path) => _child.Add(watcherId, path, WatchMode.Standard);

    /// <summary>addWatch: PERSISTENT goes into both tables, PERSISTENT_RECURSIVE only into the data table.</summary>
    public void AddPersistentWatch(long watcherId, string path, AddWatchMode mode)
    {
        if (mode == AddWatchMode.PersistentRecursive)
        {
            _data.Add(watcherId, path, WatchMode.PersistentRecursive);
            return;
        }
        _data.Add(watcherId, path, WatchMode.Persistent);
        _child.Add(watcherId, path, WatchMode.Persistent);
    }

    /// <summary>Fires every trigger of an applied txn, in order.</summary>
    public IReadOnlyList<WatchDelivery> Trigger(IEnumerable<WatchTrigger> triggers) =>
        triggers.SelectMany(trigger => Trigger(trigger.Path, trigger.Type)).ToList();

    /// <summary>
    /// Fires every trigger and keeps only the events the receiving connection may read: a connection
    /// without READ on <see cref="WatchTrigger.Acl"/> gets nothing, yet its standard watch is consumed,
    /// as in ZooKeeper (the check happens at delivery).
    /// </summary>
    public IReadOnlyList<WatchDelivery> Trigger(IEnumerable<WatchTrigger> triggers, Func<long, IReadOnlyList<Id>> identitiesOf) =>
        triggers
            .SelectMany(trigger => Trigger(trigger.Path, trigger.Type)
                .Where(delivery => AclCheck.IsAllowed(trigger.Acl, identitiesOf(delivery.WatcherId), Perms.Read)))
            .ToList();

    /// <summary>
    /// The events one change sends (wire doc 8.3): each watcher gets at most one event per change,
    /// even when it watches the path in both tables; standard watches that fired are removed.
    /// Deliveries are ordered by watcher id so every run is reproducible.
    /// </summary>
    public IReadOnlyList<WatchDelivery> Trigger(string path, EventType type)
    {
        var notified = new SortedSet<long>();
        if (type != EventType.NodeChildrenChanged)
        {
            _data.Fire(path, type, notified);
        }
        if (type is EventType.NodeChildrenChanged or EventType.NodeDeleted)
        {
            _child.Fire(path, type, notified);
        }
        var watchedEvent = new WatchedEvent(type, path);
        return notified.Select(id => new WatchDelivery(id, watchedEvent)).ToList();
    }

    /// <summary>Drops every watch of a closed connection.</summary>
    public void RemoveWatcher(long watcherId)
    {
        _data.RemoveWatcher(watcherId);
        _child.RemoveWatcher(watcherId);
    }

    /// <summary>checkWatches (17): Ok if the connection has a watch of that type on the path, else
    /// NoWatcher; an undefined type is MarshallingError.</summary>
    public ErrorCode CheckWatches(string path, WatcherType type, long watcherId)
    {
        if (!Enum.IsDefined(type))
        {
            return ErrorCode.MarshallingError;
        }
        return Matching(path, type, watcherId).Any() ? ErrorCode.Ok : ErrorCode.NoWatcher;
    }

    /// <summary>
    /// removeWatches (18). Children/Data/Any remove regardless of mode, as in 3.8; Persistent and
    /// PersistentRecursive (3.9 values) remove only watches of that mode. NoWatcher if nothing matched,
    /// MarshallingError for an undefined type.
    /// </summary>
    public ErrorCode RemoveWatches(string path, WatcherType type, long watcherId)
    {
        if (!Enum.IsDefined(type))
        {
            return ErrorCode.MarshallingError;
        }
        var matches = Matching(path, type, watcherId).ToList();
        foreach (var table in matches)
        {
            table.Remove(watcherId, path);
        }
        return matches.Count > 0 ? ErrorCode.Ok : ErrorCode.NoWatcher;
    }

    /// <summary>
    /// SetWatches / SetWatches2 after a reconnect (wire doc 8.5), against the tree as it is now and the
    /// client's last seen zxid. Returns the catch-up events (sent before the reply, with zxid -1);
    /// a watch that produced one is consumed, everything else is registered.
    /// </summary>
    public IReadOnlyList<WatchedEvent> SetWatches(
        long watcherId,
        long relativeZxid,
        DataTree tree,
        IEnumerable<string> dataWatches,
        IEnumerable<string> existWatches,
        IEnumerable<string> childWatches,
        IEnumerable<string>? persistentWatches = null,
        IEnumerable<string>? persistentRecursiveWatches = null)
    {
        var events = new List<WatchedEvent>();
        foreach (var path in dataWatches)
        {
            var node = tree.GetNode(path);
            if (node is null)
            {
                events.Add(new WatchedEvent(EventType.NodeDeleted, path));
            }
            else if (node.Mzxid > relativeZxid)
            {
                events.Add(new WatchedEvent(EventType.NodeDataChanged, path));
            }
            else
            {
                AddDataWatch(watcherId, path);
            }
        }
        foreach (var path in existWatches)
        {
            if (tree.GetNode(path) is null)
            {
                AddDataWatch(watcherId, path);
            }
            else
            {
                events.Add(new WatchedEvent(EventType.NodeCreated, path));
            }
        }
        foreach (var path in childWatches)
        {
            var node = tree.GetNode(path);
            if (node is null)
            {
                events.Add(new WatchedEvent(EventType.NodeDeleted, path));
            }
            else if (node.Pzxid > relativeZxid)
            {
                events.Add(new WatchedEvent(EventType.NodeChildrenChanged, path));
            }
            else
            {
                AddChildWatch(watcherId, path);
            }
        }
        foreach (var path in persistentWatches ?? [])
        {
            AddPersistentWatch(watcherId, path, AddWatchMode.Persistent);
        }
        foreach (var path in persistentRecursiveWatches ?? [])
        {
            AddPersistentWatch(watcherId, path, AddWatchMode.PersistentRecursive);
        }
        return events;
    }

    /// <summary>The mode of a connection's watch on a path in the data or child table, if any.</summary>
    public WatchMode? DataWatchMode(long watcherId, string path) => _data.ModeOf(watcherId, path);

    public WatchMode? ChildWatchMode(long watcherId, string path) => _child.ModeOf(watcherId, path);

    public WatchStats DataStats => _data.Stats;

    public WatchStats ChildStats => _child.Stats;

    /// <summary>Both tables together: distinct connections and paths, total watches.</summary>
    public WatchStats Stats => new(
        _data.Watchers.Union(_child.Watchers).Count(),
        _data.PathsWatched.Union(_child.PathsWatched, StringComparer.Ordinal).Count(),
        _data.Stats.Watches + _child.Stats.Watches);

    /// <summary>The tables in which this connection has a watch on the path that the type names.</summary>
    private IEnumerable<PathWatches> Matching(string path, WatcherType type, long watcherId)
    {
        var (tables, requiredMode) = type switch
        {
            WatcherType.Children => (new[] { _child }, (WatchMode?)null),
            WatcherType.Data => ([_data], null),
            WatcherType.Any => ([_child, _data], null),
            WatcherType.Persistent => ([_child, _data], WatchMode.Persistent),
            WatcherType.PersistentRecursive => ([_data], WatchMode.PersistentRecursive),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "callers check the type first"),
        };
        return tables.Where(table => table.ModeOf(watcherId, path) is { } mode && (requiredMode is null || mode == requiredMode));
    }
}
