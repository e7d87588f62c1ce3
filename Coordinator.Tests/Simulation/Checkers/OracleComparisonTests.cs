namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>Cross-checks the WGL search against the definition of linearizability, enumerated by brute force.</summary>
public class OracleComparisonTests
{
    [Fact]
    public void Wgl_agrees_with_a_brute_force_permutation_oracle_on_random_small_histories()
    {
        var random = new Random(20261122);
        var verdicts = new Dictionary<bool, int> { [true] = 0, [false] = 0 };
        for (var round = 0; round < 1500; round++)
        {
            var history = RandomHistory(random);
            var expected = BruteForceLinearizable(history);
            var actual = LinearizabilityChecker.Check(RegisterModel.Instance, history);

            Assert.True(actual.Verdict == (expected ? Verdict.Ok : Verdict.Violated),
                $"round {round}: oracle says {expected}, WGL says {actual}\n" + string.Join('\n', history));
            verdicts[expected]++;
        }
        // The generator must exercise both answers, or the comparison proves little.
        Assert.True(verdicts[true] > 200 && verdicts[false] > 200, $"linearizable {verdicts[true]}, not {verdicts[false]}");
    }

    private static Operation<RegisterInput, int>[] RandomHistory(Random random)
    {
        var count = random.Next(1, 7);
        var history = new Operation<RegisterInput, int>[count];
        for (var i = 0; i < count; i++)
        {
            var call = random.Next(0, 10);
            var input = random.Next(2) == 0 ? RegisterInput.Write(random.Next(1, 3)) : RegisterInput.Read();
            history[i] = random.Next(6) == 0
                ? Op.Pending<RegisterInput, int>(i, call, input)
                : Op.Done(i, call, input, call + random.Next(0, 5), input.IsWrite ? 0 : random.Next(0, 3));
        }
        return history;
    }

    /// <summary>Tries every subset of pending operations and every permutation of the chosen ones.</summary>
    private static bool BruteForceLinearizable(Operation<RegisterInput, int>[] history)
    {
        var pending = Enumerable.Range(0, history.Length).Where(i => history[i].IsPending).ToArray();
        var completed = Enumerable.Range(0, history.Length).Where(i => !history[i].IsPending).ToArray();
        for (var mask = 0; mask < 1 << pending.Length; mask++)
        {
            var chosen = completed.Concat(pending.Where((_, bit) => (mask & (1 << bit)) != 0)).ToArray();
            if (Permutations(chosen).Any(order => RespectsRealTime(history, order) && LegalForRegister(history, order)))
                return true;
        }
        return false;
    }

    private static bool RespectsRealTime(Operation<RegisterInput, int>[] history, int[] order)
    {
        for (var later = 0; later < order.Length; later++)
            for (var earlier = 0; earlier < later; earlier++)
                if (history[order[later]].Precedes(history[order[earlier]]))
                    return false;
        return true;
    }

    private static bool LegalForRegister(Operation<RegisterInput, int>[] history, int[] order)
    {
        var value = 0;
        foreach (var op in order.Select(i => history[i]))
        {
            if (op.Input.IsWrite)
                value = op.Input.Value;
            else if (!op.IsPending && op.Output != value)
                return false;
        }
        return true;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }
}
