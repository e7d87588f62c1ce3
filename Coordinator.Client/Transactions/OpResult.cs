using Coordinator.Protocol;

namespace Coordinator.Client.Transactions;

/// <summary>The outcome of one op of a transaction.</summary>
public abstract record OpResult;

/// <summary>A create succeeded; <see cref="Path"/> includes any sequence suffix.</summary>
public sealed record CreateOpResult(string Path, Stat? Stat) : OpResult;

public sealed record DeleteOpResult : OpResult;

public sealed record SetDataOpResult(Stat Stat) : OpResult;

public sealed record CheckOpResult : OpResult;

/// <summary>
/// In a failed transaction every op reports a code: Ok for those before the failure (rolled back), the
/// cause for the failed op, RuntimeInconsistency for those after it.
/// </summary>
public sealed record ErrorOpResult(ErrorCode Code) : OpResult;
