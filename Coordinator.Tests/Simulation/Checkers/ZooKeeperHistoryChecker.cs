namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>Result of <see cref="ZooKeeperHistoryChecker.Check"/>; <see cref="Writes"/> carries the write witness.</summary>
public sealed record ZooKeeperCheckResult(Verdict Verdict, Violation? Violation, LinearizabilityResult Writes)
{
    public bool IsConsistent => Verdict == Verdict.Ok;

    public override string ToString() => Violation is null ? Verdict.ToString() : $"{Verdict}: {Violation.Reason}";
}

/// <summary>
/// Checks a client history against ZooKeeper's guarantees, per znode path:
/// <list type="number">
/// <item>Writes (create, setData, delete, whatever their outcome) are linearizable: the
/// <see cref="LinearizabilityChecker"/> finds a witness order W of them.</item>
/// <item>Reads (getData, exists) are sequentially consistent with W. Each client's operations on the path are
/// taken in call order (its FIFO session order), keeping a floor: the length of the prefix of W the client
/// is known to have seen. A completed write at position i of W raises the floor to i+1. A completed read must
/// return the state after some prefix of W of length p with floor ≤ p, where p also never includes a write
/// that was called after the read returned (a server cannot show what was not yet asked for); the smallest
/// such p is taken and becomes the new floor. Reads may be stale with respect to other clients' writes.</item>
/// </list>
/// Pending reads are ignored and pending writes raise no floor. Limits: the read rule is checked against one
/// witness W, not every valid write order (successful setData versions pin most of W down), and floors are
/// per path, so a client's reads across different paths are not checked against each other.
/// </summary>
public static class ZooKeeperHistoryChecker
{
    public static ZooKeeperCheckResult Check(IReadOnlyList<Operation<ZkInput, ZkOutput>> history, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var writeIndices = Enumerable.Range(0, history.Count).Where(i => history[i].Input.IsWrite).ToArray();
        var writes = LinearizabilityChecker.Check(ZNodeModel.Instance, writeIndices.Select(i => history[i]).ToArray(), options);
        var inHistory = writes with { Orders = writes.Orders.ToDictionary(o => o.Key, o => (IReadOnlyList<int>)o.Value.Select(w => writeIndices[w]).ToArray()) };

        if (writes.Verdict == Verdict.Violated)
        {
            var violation = writes.Violation!;
            return new(Verdict.Violated,
                new Violation("Writes are not linearizable. " + Renumber(violation.Reason, writeIndices), violation.OperationIndices.Select(w => writeIndices[w]).ToArray()),
                inHistory);
        }
        if (writes.Verdict == Verdict.Unknown)
            return new(Verdict.Unknown, null, inHistory);

        foreach (var (path, order) in inHistory.Orders)
        {
            if (new PathReads(history, order).FindStaleOrFutureRead(path) is { } violation)
                return new(Verdict.Violated, violation, inHistory);
        }
        return new(Verdict.Ok, null, inHistory);
    }

    /// <summary>The write checker numbers operations within the write-only history; say which history entries they are.</summary>
    private static string Renumber(string reason, int[] writeIndices) =>
        System.Text.RegularExpressions.Regex.Replace(reason, @"#(\d+)", m => "#" + writeIndices[int.Parse(m.Groups[1].Value)]);

    /// <summary>The read rule for one path, given that path's witness write order.</summary>
    private sealed class PathReads
    {
        private readonly IReadOnlyList<Operation<ZkInput, ZkOutput>> _history;
        private readonly IReadOnlyList<int> _order;
        private readonly ZNodeState[] _stateAfter;
        private readonly long[] _latestCallIn;
        private readonly Dictionary<int, int> _positionOf = [];

        public PathReads(IReadOnlyList<Operation<ZkInput, ZkOutput>> history, IReadOnlyList<int> order)
        {
            _history = history;
            _order = order;
            _stateAfter = new ZNodeState[order.Count + 1];
            _latestCallIn = new long[order.Count + 1];
            _stateAfter[0] = ZNodeModel.Instance.Init();
            _latestCallIn[0] = long.MinValue;
            for (var i = 0; i < order.Count; i++)
            {
                var write = history[order[i]];
                _positionOf[order[i]] = i;
                _stateAfter[i + 1] = ZNodeModel.Apply(_stateAfter[i], write.Input).Next;
                _latestCallIn[i + 1] = Math.Max(_latestCallIn[i], write.Call);
            }
        }

        public Violation? FindStaleOrFutureRead(string path)
        {
            var byClient = Enumerable.Range(0, _history.Count)
                .Where(i => _history[i].Input.Path == path && !_history[i].IsPending)
                .GroupBy(i => _history[i].ClientId);
            foreach (var clientOps in byClient)
            {
                var floor = 0;
                int? floorSource = null;
                foreach (var index in clientOps.OrderBy(i => _history[i].Call).ThenBy(i => i))
                {
                    if (_history[index].Input.IsWrite)
                    {
                        if (_positionOf.TryGetValue(index, out var position) && position + 1 > floor)
                            (floor, floorSource) = (position + 1, index);
                        continue;
                    }
                    var read = _history[index];
                    var newest = NewestPrefixVisibleTo(read);
                    var seen = FirstMatch(read, floor, newest);
                    if (seen is null)
                        return Explain(index, floor, floorSource, newest);
                    (floor, floorSource) = (seen.Value, index);
                }
            }
            return null;
        }

        /// <summary>Longest prefix of the write order containing no write called after the read returned.</summary>
        private int NewestPrefixVisibleTo(Operation<ZkInput, ZkOutput> read)
        {
            var p = 0;
            while (p < _order.Count && _latestCallIn[p + 1] <= read.Return!.Value)
                p++;
            return p;
        }

        private int? FirstMatch(Operation<ZkInput, ZkOutput> read, int from, int to)
        {
            for (var p = from; p <= to; p++)
                if (ZNodeModel.Instance.Step(_stateAfter[p], read.Input, read.Output).Ok)
                    return p;
            return null;
        }

        private Violation Explain(int readIndex, int floor, int? floorSource, int newest)
        {
            var read = _history[readIndex];
            var involved = new List<int> { readIndex };
            var what = $"#{readIndex} client {read.ClientId} [{read.Call}..{read.Return}] {read.Input} -> {read.Output}";

            if (FirstMatch(read, 0, floor - 1) is { } older)
            {
                var source = _history[floorSource!.Value];
                involved.Add(floorSource.Value);
                var producer = older == 0 ? "the initial state" : $"#{_order[older - 1]} {_history[_order[older - 1]].Input}";
                if (older > 0)
                    involved.Add(_order[older - 1]);
                var sourceKind = source.Input.IsWrite ? "its own write" : "its earlier read";
                return new Violation(
                    $"Read goes back in time: {what} returns the state made by {producer}, but the same client had already seen state " +
                    $"{_stateAfter[floor]} through {sourceKind} #{floorSource} {source.Input} -> {source.Output}.",
                    involved);
            }

            if (FirstMatch(read, newest + 1, _order.Count) is { } future)
            {
                var write = _order[future - 1];
                involved.Add(write);
                return new Violation(
                    $"Read sees the future: {what} returns the state made by #{write} client {_history[write].ClientId} {_history[write].Input}, " +
                    $"in an order where that state needs a write called after the read returned at {read.Return}.",
                    involved);
            }

            return new Violation($"Read returns a state no prefix of the write order produces: {what}.", involved);
        }
    }
}
