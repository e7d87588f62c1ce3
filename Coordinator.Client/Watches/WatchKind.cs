namespace Coordinator.Client.Watches;

/// <summary>The client-side watch tables, as ZooKeeper's SetWatches2 groups them.</summary>
internal enum WatchKind
{
    /// <summary>Set by getData, or by exists on a node that exists.</summary>
    Data,
    /// <summary>Set by exists on a node that does not exist yet.</summary>
    Exist,
    Child,
    Persistent,
    PersistentRecursive,
}
