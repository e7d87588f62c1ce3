namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>
/// One client operation as the simulation observed it. Times are logical integers from one shared
/// counter: operation A happened before B in real time iff <c>A.Return &lt; B.Call</c> (equal times count as
/// concurrent). A <see cref="IsPending"/> operation has no return (the client crashed or timed out): it may
/// or may not have taken effect, and if it did, then at any point after its call.
/// </summary>
public sealed record Operation<TInput, TOutput>(int ClientId, TInput Input, long Call, long? Return, TOutput? Output)
{
    public bool IsPending => Return is null;

    /// <summary>The return time, or +infinity for a pending operation.</summary>
    public long ReturnOrInfinity => Return ?? long.MaxValue;

    /// <summary>True when this operation returned before <paramref name="other"/> was called.</summary>
    public bool Precedes(Operation<TInput, TOutput> other) => Return is { } ret && ret < other.Call;
}

/// <summary>Factories that keep call sites readable: <c>Op.Done(...)</c> and <c>Op.Pending(...)</c>.</summary>
public static class Op
{
    public static Operation<TInput, TOutput> Done<TInput, TOutput>(int clientId, long call, TInput input, long ret, TOutput output)
    {
        if (ret < call)
            throw new ArgumentException($"operation of client {clientId} returns at {ret}, before its call at {call}", nameof(ret));
        return new(clientId, input, call, ret, output);
    }

    public static Operation<TInput, TOutput> Pending<TInput, TOutput>(int clientId, long call, TInput input) =>
        new(clientId, input, call, null, default);
}
