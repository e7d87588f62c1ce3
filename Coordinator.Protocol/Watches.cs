namespace Coordinator.Protocol;

/// <summary>WatcherEvent.type. Only 1-4 are ever sent by a server; the rest are client-generated.</summary>
public enum EventType
{
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}

/// <summary>WatcherEvent.state. Servers always send SyncConnected; the rest are client-side states.</summary>
public enum KeeperState
{
    Unknown = -1,
    Disconnected = 0,
    NoSyncConnected = 1,
    SyncConnected = 3,
    AuthFailed = 4,
    ConnectedReadOnly = 5,
    SaslAuthenticated = 6,
    Closed = 7,
    Expired = -112,
}

/// <summary>The watch kind named in checkWatches/removeWatches.</summary>
public enum WatcherType
{
    Children = 1,
    Data = 2,
    Any = 3,
    Persistent = 4,
    PersistentRecursive = 5,
}

/// <summary>addWatch modes.</summary>
public enum AddWatchMode
{
    Persistent = 0,
    PersistentRecursive = 1,
}
