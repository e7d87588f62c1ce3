namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>
/// The ZooKeeper checker judges reads against one witness write order. The oracle applies the same read rule
/// to every valid write order, so it says what the rule means; the checker may only differ by rejecting.
/// </summary>
public class ZooKeeperOracleComparisonTests
{
    [Fact]
    public void The_zookeeper_checker_agrees_with_an_exhaustive_search_over_all_write_orders_on_small_histories()
    {
        var random = new Random(424242);
        int valid = 0, invalid = 0, falseAlarms = 0;
        for (var round = 0; round < 1500; round++)
        {
            var history = RandomSmallHistory(random);
            var expected = SomeWriteOrderExplainsEverything(history);
            var actual = ZooKeeperHistoryChecker.Check(history);
            var dump = string.Join('\n', history.Select((op, i) => $"#{i} {op}"));

            if (!expected)
            {
                invalid++;
                Assert.True(actual.Verdict == Verdict.Violated, $"round {round}: accepted an invalid history\n{dump}");
            }
            else
            {
                valid++;
                if (actual.Verdict != Verdict.Ok)
                    falseAlarms++;
            }
        }
        Assert.True(valid > 100 && invalid > 100, $"valid {valid}, invalid {invalid}");
        Assert.True(falseAlarms == 0, $"{falseAlarms} of {valid} valid histories rejected");
    }

    private static Operation<ZkInput, ZkOutput>[] RandomSmallHistory(Random random)
    {
        var history = ZooKeeperHistoryGenerator.Generate(random, operations: random.Next(2, 7), clients: 3, paths: 1);
        if (random.Next(3) == 0)
        {
            var lost = random.Next(history.Length);
            history[lost] = Op.Pending<ZkInput, ZkOutput>(history[lost].ClientId, history[lost].Call, history[lost].Input);
        }
        if (random.Next(3) != 0)
        {
            // Give one operation the answer it would get in some state near the real ones: often a lie, not always.
            var victim = random.Next(history.Length);
            var data = history.Select(op => op.Input).OfType<ZkSetData>().Select(set => set.Data)
                .Concat(history.Select(op => op.Input).OfType<ZkCreate>().Select(create => create.Data)).ToArray();
            var state = data.Length == 0 || random.Next(4) == 0
                ? ZNodeState.Absent
                : new ZNodeState(true, data[random.Next(data.Length)], random.Next(0, 3));
            if (!history[victim].IsPending)
                history[victim] = history[victim] with { Output = ZNodeModel.Apply(state, history[victim].Input).Output };
        }
        return history;
    }

    private static bool SomeWriteOrderExplainsEverything(Operation<ZkInput, ZkOutput>[] history)
    {
        var writes = Enumerable.Range(0, history.Length).Where(i => history[i].Input.IsWrite).ToArray();
        var pending = writes.Where(i => history[i].IsPending).ToArray();
        var completed = writes.Where(i => !history[i].IsPending).ToArray();
        for (var mask = 0; mask < 1 << pending.Length; mask++)
        {
            var chosen = completed.Concat(pending.Where((_, bit) => (mask & (1 << bit)) != 0)).ToArray();
            foreach (var order in Permutations(chosen))
                if (IsLinearizableWriteOrder(history, order) && ReadsFit(history, order))
                    return true;
        }
        return false;
    }

    private static bool IsLinearizableWriteOrder(Operation<ZkInput, ZkOutput>[] history, int[] order)
    {
        var state = ZNodeState.Absent;
        for (var i = 0; i < order.Length; i++)
        {
            var op = history[order[i]];
            if (order.Skip(i + 1).Any(later => history[later].Precedes(op)))
                return false;
            var step = op.IsPending ? ZNodeModel.Instance.StepPending(state, op.Input) : ZNodeModel.Instance.Step(state, op.Input, op.Output);
            if (!step.Ok)
                return false;
            state = step.State;
        }
        return true;
    }

    /// <summary>The read rule of <see cref="ZooKeeperHistoryChecker"/>, for one given write order.</summary>
    private static bool ReadsFit(Operation<ZkInput, ZkOutput>[] history, int[] order)
    {
        var states = new List<ZNodeState> { ZNodeState.Absent };
        foreach (var write in order)
            states.Add(ZNodeModel.Apply(states[^1], history[write].Input).Next);

        foreach (var client in history.Select(op => op.ClientId).Distinct())
        {
            var floor = 0;
            foreach (var index in Enumerable.Range(0, history.Length).Where(i => history[i].ClientId == client && !history[i].IsPending).OrderBy(i => history[i].Call))
            {
                var op = history[index];
                if (op.Input.IsWrite)
                {
                    floor = Math.Max(floor, Array.IndexOf(order, index) + 1);
                    continue;
                }
                var visible = 0;
                while (visible < order.Length && order.Take(visible + 1).All(w => history[w].Call <= op.Return))
                    visible++;
                var seen = Enumerable.Range(floor, Math.Max(0, visible - floor + 1))
                    .Where(p => ZNodeModel.Instance.Step(states[p], op.Input, op.Output).Ok)
                    .Cast<int?>().FirstOrDefault();
                if (seen is null)
                    return false;
                floor = seen.Value;
            }
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
            foreach (var tail in Permutations(items.Where((_, j) => j != i).ToArray()))
                yield return [items[i], .. tail];
    }
}
