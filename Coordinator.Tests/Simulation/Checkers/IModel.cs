namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>Outcome of applying one operation to a model state.</summary>
public readonly record struct StepResult<TState>(bool Ok, TState State)
{
    public static StepResult<TState> Rejected(TState unchanged) => new(false, unchanged);
}

/// <summary>
/// A sequential specification (Porcupine style). States must be immutable values: the search keeps old
/// states for backtracking and memoizes (linearized set, state) pairs with <see cref="StateComparer"/>.
/// </summary>
public interface IModel<TState, TInput, TOutput>
{
    TState Init();

    /// <summary>Can <paramref name="input"/> answer <paramref name="output"/> in <paramref name="state"/>, and what state follows?</summary>
    StepResult<TState> Step(TState state, TInput input, TOutput output);

    /// <summary>
    /// Effect of an operation whose answer was never seen. Return Ok=false when it cannot take effect in this
    /// state; the checker may still omit it altogether, so a failing outcome need not be modelled.
    /// </summary>
    StepResult<TState> StepPending(TState state, TInput input);

    /// <summary>Equality and hash of states, used to memoize the search.</summary>
    IEqualityComparer<TState> StateComparer { get; }

    string DescribeOperation(TInput input, TOutput? output);

    string DescribeState(TState state);
}

/// <summary>
/// A model whose operations on different keys are independent (P-compositionality): the history is split by
/// key and every part is checked on its own, which turns one exponential search into many small ones.
/// </summary>
public interface IPartitionedModel<TState, TInput, TOutput> : IModel<TState, TInput, TOutput>
{
    string PartitionKey(TInput input);
}
