namespace Coordinator.Tests.Simulation.Checkers;

public enum Verdict
{
    /// <summary>The history satisfies the property.</summary>
    Ok,

    /// <summary>The history violates the property; <see cref="Violation"/> says how.</summary>
    Violated,

    /// <summary>The step budget ran out before the search could decide.</summary>
    Unknown,
}

/// <summary>
/// Why a check failed: a human-readable reason and the history indices of the operations involved, kept small
/// so a failing simulation seed can be debugged from the message alone.
/// </summary>
public sealed record Violation(string Reason, IReadOnlyList<int> OperationIndices)
{
    public override string ToString() => Reason;
}

/// <summary>
/// Result of a linearizability check. <see cref="Orders"/> holds, per partition key ("" when the model is
/// not partitioned), one witness order as history indices; pending operations the witness omits are absent.
/// </summary>
public sealed record LinearizabilityResult(
    Verdict Verdict,
    IReadOnlyDictionary<string, IReadOnlyList<int>> Orders,
    Violation? Violation)
{
    public bool IsLinearizable => Verdict == Verdict.Ok;

    public override string ToString() => Violation is null ? Verdict.ToString() : $"{Verdict}: {Violation.Reason}";
}

/// <summary>Limits on one check.</summary>
/// <param name="MaxSteps">Search steps (events visited, about one model step each) allowed over all partitions before the verdict becomes <see cref="Verdict.Unknown"/>.</param>
public sealed record CheckOptions(long MaxSteps = 5_000_000)
{
    public static CheckOptions Default { get; } = new();
}
