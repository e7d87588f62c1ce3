using Coordinator.Protocol;

namespace Coordinator.Client.Api;

/// <summary>The path actually created (with any sequence suffix) and the new node's Stat.</summary>
public sealed record CreateResult(string Path, Stat Stat);

/// <summary>A node's data (null when the node holds none) and Stat.</summary>
public sealed record DataResult(byte[]? Data, Stat Stat);

/// <summary>A node's child names (unordered) and the parent's Stat.</summary>
public sealed record ChildrenResult(IReadOnlyList<string> Children, Stat Stat);

/// <summary>A node's ACL and Stat.</summary>
public sealed record AclResult(IReadOnlyList<Acl> Acl, Stat Stat);
