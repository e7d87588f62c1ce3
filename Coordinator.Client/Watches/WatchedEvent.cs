using Coordinator.Protocol;

namespace Coordinator.Client.Watches;

/// <summary>A change to a watched node, with the path as the client sees it (chroot removed).</summary>
public sealed record WatchedEvent(EventType Type, KeeperState State, string Path);
