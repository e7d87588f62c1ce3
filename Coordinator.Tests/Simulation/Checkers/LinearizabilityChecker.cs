namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>
/// Decides whether a concurrent history is linearizable with respect to a model: whether there is one total
/// order of its operations that respects real time (A before B whenever A returned before B was called),
/// that the model accepts step by step, and that contains every completed operation (pending ones optional).
/// </summary>
public static class LinearizabilityChecker
{
    public static LinearizabilityResult Check<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return CheckSubset(model, history, Enumerable.Range(0, history.Count).ToArray(), options);
    }

    /// <summary>Checks only the operations at <paramref name="subset"/>; orders and violations still use history indices.</summary>
    internal static LinearizabilityResult CheckSubset<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        IReadOnlyList<int> subset,
        CheckOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var budget = (options ?? CheckOptions.Default).MaxSteps;
        var orders = new SortedDictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        var unknown = false;

        // Partitions are checked in key order so a run, and the violation it reports, is reproducible.
        foreach (var (key, indices) in Partition(model, history, subset))
        {
            var search = new WglSearch<TState, TInput, TOutput>(model, indices.Select(i => history[i]).ToArray(), indices);
            var verdict = search.Run(budget, out var order, out var violation);
            budget -= search.StepsTaken;
            switch (verdict)
            {
                case Verdict.Violated:
                    var where = key.Length == 0 ? "" : $"Key {key}: ";
                    return new LinearizabilityResult(Verdict.Violated, orders, violation! with { Reason = where + violation!.Reason });
                case Verdict.Unknown:
                    unknown = true;
                    break;
                default:
                    orders[key] = order;
                    break;
            }
            if (unknown)
                break;
        }
        return new LinearizabilityResult(unknown ? Verdict.Unknown : Verdict.Ok, orders, null);
    }

    private static IEnumerable<(string Key, int[] Indices)> Partition<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> history, IReadOnlyList<int> subset)
    {
        if (model is not IPartitionedModel<TState, TInput, TOutput> partitioned)
            return [("", subset.ToArray())];
        return subset
            .GroupBy(i => partitioned.PartitionKey(history[i].Input), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (group.Key, group.ToArray()));
    }
}
