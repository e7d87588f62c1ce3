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
/// is known to have seen. A completed write that changed the node, at position i of W, raises the floor to
/// i+1. A completed read must answer from the state after some prefix of W of length p with floor ≤ p, where
/// p never includes a write that was called after the read returned (a server cannot show what nobody had
/// asked for yet); the smallest such p is taken and becomes the new floor. Reads may be stale with respect to
/// other clients' writes. A write that changed nothing (NodeExists, BadVersion, NoNode) is an observation
/// too: it is placed at the smallest p that also follows every write that returned before it was called,
/// since moving it there yields another valid W.</item>
/// </list>
/// Pending reads are ignored and pending writes raise no floor. Limits: the rule is checked against one
/// witness W, not every valid write order (the versions in successful setData answers pin most of W down),
/// and floors are per path, so a client's reads of different paths are not checked against each other.
/// </summary>
public static class ZooKeeperHistoryChecker
{
    public static ZooKeeperCheckResult Check(IReadOnlyList<Operation<ZkInput, ZkOutput>> history, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var writeIndices = Enumerable.Range(0, history.Count).Where(i => history[i].Input.IsWrite).ToArray();
        var writes = LinearizabilityChecker.CheckSubset(ZNodeModel.Instance, history, writeIndices, options);

        if (writes.Verdict == Verdict.Violated)
            return new(Verdict.Violated, writes.Violation! with { Reason = "Writes are not linearizable. " + writes.Violation.Reason }, writes);
        if (writes.Verdict == Verdict.Unknown)
            return new(Verdict.Unknown, null, writes);

        // Every path, including one only ever read: its write order is empty and its reads must see it absent.
        foreach (var path in Enumerable.Range(0, history.Count).Select(i => history[i].Input.Path).Distinct().Order(StringComparer.Ordinal))
        {
            var order = writes.Orders.GetValueOrDefault(path, []);
            if (new PathReads(history, order).FindInconsistentObservation(path) is { } violation)
                return new(Verdict.Violated, violation, writes);
        }
        return new(Verdict.Ok, null, writes);
    }

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

        public Violation? FindInconsistentObservation(string path)
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
                    var op = _history[index];
                    if (op.Input.IsWrite && ChangesState(index, out var position))
                    {
                        if (position + 1 > floor)
                            (floor, floorSource) = (position + 1, index);
                        continue;
                    }
                    // A read, or a write that changed nothing (a failed one): both only observe a state. A failed
                    // write may sit anywhere its real-time neighbours allow, so it is placed as early as it can go
                    // instead of where the witness happened to put it.
                    var earliest = op.Input.IsWrite ? Math.Max(floor, WritesCompletedBefore(op)) : floor;
                    var newest = NewestPrefixVisibleTo(op);
                    var seen = FirstMatch(op, earliest, newest);
                    // The witness position of a failed write lies in [real-time bound, newest] and fits, so
                    // a miss always means the client's own floor was too high: a step back in time.
                    if (seen is null)
                        return Explain(index, floor, floorSource, newest);
                    (floor, floorSource) = (seen.Value, index);
                }
            }
            return null;
        }

        private bool ChangesState(int index, out int position) =>
            _positionOf.TryGetValue(index, out position) && _stateAfter[position] != _stateAfter[position + 1];

        /// <summary>Shortest prefix of the write order holding every write that returned before <paramref name="op"/> was called.</summary>
        private int WritesCompletedBefore(Operation<ZkInput, ZkOutput> op)
        {
            var prefix = 0;
            for (var i = 0; i < _order.Count; i++)
                if (_history[_order[i]].Precedes(op))
                    prefix = i + 1;
            return prefix;
        }

        /// <summary>Longest prefix of the write order containing no write called after the observer returned.</summary>
        private int NewestPrefixVisibleTo(Operation<ZkInput, ZkOutput> observer)
        {
            var p = 0;
            while (p < _order.Count && _latestCallIn[p + 1] <= observer.Return!.Value)
                p++;
            return p;
        }

        private int? FirstMatch(Operation<ZkInput, ZkOutput> observer, int from, int to)
        {
            for (var p = from; p <= to; p++)
                if (ZNodeModel.Instance.Step(_stateAfter[p], observer.Input, observer.Output).Ok)
                    return p;
            return null;
        }

        private Violation Explain(int index, int floor, int? floorSource, int newest)
        {
            var observer = _history[index];
            var involved = new List<int> { index };
            var kind = observer.Input.IsWrite ? "Failed write" : "Read";
            var what = $"#{index} client {observer.ClientId} [{observer.Call}..{observer.Return}] {observer.Input} -> {observer.Output}";

            if (FirstMatch(observer, 0, floor - 1) is { } older)
            {
                var producer = older == 0 ? "the initial state" : $"#{_order[older - 1]} {_history[_order[older - 1]].Input}";
                if (older > 0)
                    involved.Add(_order[older - 1]);
                var source = _history[floorSource!.Value];
                involved.Insert(1, floorSource.Value);
                var sourceKind = source.Input.IsWrite ? "its own write" : "its earlier read";
                return new Violation(
                    $"{kind} goes back in time: {what} answers from the state made by {producer}, but the same client had already seen state " +
                    $"{_stateAfter[floor]} through {sourceKind} #{floorSource} {source.Input} -> {source.Output}.",
                    involved);
            }

            if (FirstMatch(observer, newest + 1, _order.Count) is { } future)
            {
                var producer = _order[future - 1];
                var tooLate = _order.Take(future).First(w => _history[w].Call > observer.Return);
                involved.Add(producer);
                if (tooLate != producer)
                    involved.Add(tooLate);
                var cause = tooLate == producer ? "which was" : $"which comes after #{tooLate} client {_history[tooLate].ClientId} {_history[tooLate].Input},";
                return new Violation(
                    $"{kind} sees the future: {what} returns the state made by #{producer} client {_history[producer].ClientId} {_history[producer].Input}, " +
                    $"{cause} called at {_history[tooLate].Call}, after the {kind.ToLowerInvariant()} returned at {observer.Return}.",
                    involved);
            }

            return new Violation($"{kind} returns a state no prefix of the write order produces: {what}.", involved);
        }
    }
}
