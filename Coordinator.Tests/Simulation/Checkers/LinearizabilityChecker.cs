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
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        var budget = (options ?? CheckOptions.Default).MaxSteps;
        var orders = new SortedDictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        var unknown = false;

        // Partitions are checked in key order so a run, and the violation it reports, is reproducible.
        foreach (var (key, indices) in Partition(model, history))
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
        IModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> history)
    {
        if (model is not IPartitionedModel<TState, TInput, TOutput> partitioned)
            return [("", Enumerable.Range(0, history.Count).ToArray())];
        return Enumerable.Range(0, history.Count)
            .GroupBy(i => partitioned.PartitionKey(history[i].Input), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => (group.Key, group.ToArray()));
    }
}
