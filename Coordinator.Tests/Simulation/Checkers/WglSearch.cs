namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>
/// Wing &amp; Gong's linearizability search with Lowe's memoization, over one partition of a history.
/// Call and return events sit in a doubly linked list ordered by time (calls first on ties, so touching
/// intervals are concurrent). Walking from the head, a call may be linearized if the model accepts it in the
/// current state and the (linearized set, state) pair is new; it is then lifted out of the list together with
/// its return and the walk restarts. Reaching a return means its operation had to take effect by then:
/// backtrack. Pending operations have no return event, so they never force a backtrack and may stay out of
/// the order; the search succeeds once no return event is left.
/// </summary>
internal sealed class WglSearch<TState, TInput, TOutput>
{
    private readonly IModel<TState, TInput, TOutput> _model;
    private readonly IReadOnlyList<Operation<TInput, TOutput>> _ops;
    private readonly IReadOnlyList<int> _historyIndex;
    private DeadEnd? _deepest;

    /// <param name="ops">The partition's operations; ids in the search are positions in this list.</param>
    /// <param name="historyIndex">Maps a position in <paramref name="ops"/> to its index in the whole history.</param>
    public WglSearch(IModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> ops, IReadOnlyList<int> historyIndex)
    {
        _model = model;
        _ops = ops;
        _historyIndex = historyIndex;
    }

    public long StepsTaken { get; private set; }

    /// <summary>Runs the search; on success <paramref name="order"/> is a witness as history indices.</summary>
    public Verdict Run(long maxSteps, out IReadOnlyList<int> order, out Violation? violation)
    {
        var head = BuildEventList();
        var linearized = new OpSet(_ops.Count);
        var memo = new SearchMemo<TState>(_model.StateComparer);
        var stack = new Stack<(Event Call, TState StateBefore)>();
        var state = _model.Init();
        var returnsLeft = _ops.Count(op => !op.IsPending);
        var current = head.Next;
        order = [];
        violation = null;

        while (returnsLeft > 0)
        {
            if (++StepsTaken > maxSteps)
                return Verdict.Unknown;

            if (current!.IsCall)
            {
                var op = _ops[current.Id];
                var step = op.IsPending ? _model.StepPending(state, op.Input) : _model.Step(state, op.Input, op.Output!);
                if (step.Ok)
                {
                    linearized.Add(current.Id);
                    if (memo.TryAdd(linearized, step.State, _model.StateComparer))
                    {
                        stack.Push((current, state));
                        state = step.State;
                        current.Lift();
                        if (current.Match is not null)
                            returnsLeft--;
                        current = head.Next;
                        continue;
                    }
                    linearized.Remove(current.Id);
                }
                current = current.Next;
                continue;
            }

            NoteDeadEnd(head, current, stack, state);
            if (stack.Count == 0)
            {
                violation = Explain();
                return Verdict.Violated;
            }
            var (call, before) = stack.Pop();
            state = before;
            linearized.Remove(call.Id);
            call.Unlift();
            if (call.Match is not null)
                returnsLeft++;
            current = call.Next;
        }

        order = stack.Reverse().Select(entry => entry.Call.Id).Concat(PendingThatCanStillTakeEffect(head, state))
            .Select(id => _historyIndex[id]).ToArray();
        return Verdict.Ok;
    }

    /// <summary>
    /// Once every completed operation is placed, appends the remaining pending ones that the model still
    /// accepts, in call order. The witness stays valid, and a reader of the order (such as the ZooKeeper read
    /// rule) gets the latest states a crashed client's writes may have produced.
    /// </summary>
    private IEnumerable<int> PendingThatCanStillTakeEffect(Event head, TState state)
    {
        for (var e = head.Next; e is not null; e = e.Next)
        {
            var step = _model.StepPending(state, _ops[e.Id].Input);
            if (!step.Ok)
                continue;
            state = step.State;
            yield return e.Id;
        }
    }

    private Event BuildEventList()
    {
        var events = new List<Event>(_ops.Count * 2);
        for (var id = 0; id < _ops.Count; id++)
        {
            var call = new Event(id, _ops[id].Call, isCall: true);
            events.Add(call);
            if (_ops[id].Return is { } ret)
            {
                call.Match = new Event(id, ret, isCall: false);
                events.Add(call.Match);
            }
        }
        events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time)
            : a.IsCall != b.IsCall ? (a.IsCall ? -1 : 1)
            : a.Id.CompareTo(b.Id));

        var head = new Event(-1, long.MinValue, isCall: false);
        var previous = head;
        foreach (var e in events)
        {
            previous.Next = e;
            e.Previous = previous;
            previous = e;
        }
        return head;
    }

    /// <summary>Keeps the deepest point where the search got stuck: the best witness of what went wrong.</summary>
    private void NoteDeadEnd(Event head, Event blockingReturn, Stack<(Event Call, TState StateBefore)> stack, TState state)
    {
        if (_deepest is not null && stack.Count <= _deepest.Prefix.Count)
            return;
        var candidates = new List<int>();
        for (var e = head.Next; e != blockingReturn; e = e!.Next)
            if (e!.IsCall && e.Id != blockingReturn.Id)
                candidates.Add(e.Id);
        _deepest = new DeadEnd(stack.Reverse().Select(entry => entry.Call.Id).ToArray(), state, blockingReturn.Id, candidates);
    }

    private Violation Explain()
    {
        var dead = _deepest!;
        var involved = new List<int>();
        var text = new System.Text.StringBuilder();
        if (dead.Prefix.Count == 0)
            text.Append($"No operation order explains the history. From the initial state {_model.DescribeState(dead.State)}, ");
        else
        {
            var last = dead.Prefix[^1];
            involved.Add(last);
            text.Append($"The longest consistent order takes {dead.Prefix.Count} operation(s), the last being {Describe(last)}, and reaches state {_model.DescribeState(dead.State)}. Then ");
        }
        involved.Add(dead.Blocked);
        text.Append($"{Describe(dead.Blocked)} must take effect before it returns, ");
        text.Append(Allowed(dead.Blocked, dead.State) ? "but every order that allows it later fails" : "but the model rejects it in that state");

        const int shown = 6;
        var concurrent = dead.Candidates.Take(shown).ToArray();
        if (concurrent.Length == 0)
            text.Append(", and no other operation left could go first.");
        else
        {
            text.Append(". Concurrent candidates that could go first: ");
            text.Append(string.Join("; ", concurrent.Select(id =>
                $"{Describe(id)} ({(Allowed(id, dead.State) ? "allowed, but leads nowhere" : "rejected in that state")})")));
            if (dead.Candidates.Count > shown)
                text.Append($"; and {dead.Candidates.Count - shown} more");
            text.Append('.');
            involved.AddRange(concurrent);
        }
        return new Violation(text.ToString(), involved.Select(id => _historyIndex[id]).ToArray());
    }

    private bool Allowed(int id, TState state)
    {
        var op = _ops[id];
        return (op.IsPending ? _model.StepPending(state, op.Input) : _model.Step(state, op.Input, op.Output!)).Ok;
    }

    private string Describe(int id)
    {
        var op = _ops[id];
        var span = op.IsPending ? $"{op.Call}..pending" : $"{op.Call}..{op.Return}";
        return $"#{_historyIndex[id]} client {op.ClientId} [{span}] {_model.DescribeOperation(op.Input, op.Output)}";
    }

    private sealed record DeadEnd(IReadOnlyList<int> Prefix, TState State, int Blocked, IReadOnlyList<int> Candidates);

    private sealed class Event(int id, long time, bool isCall)
    {
        public int Id { get; } = id;
        public long Time { get; } = time;
        public bool IsCall { get; } = isCall;
        public Event? Match { get; set; }
        public Event? Previous { get; set; }
        public Event? Next { get; set; }

        /// <summary>Removes this call and its return from the list; they keep their links for <see cref="Unlift"/>.</summary>
        public void Lift()
        {
            Unlink(this);
            if (Match is not null)
                Unlink(Match);
        }

        /// <summary>Undoes <see cref="Lift"/>; relinks in reverse order so every neighbour pointer is valid again.</summary>
        public void Unlift()
        {
            if (Match is not null)
                Relink(Match);
            Relink(this);
        }

        private static void Unlink(Event e)
        {
            e.Previous!.Next = e.Next;
            if (e.Next is not null)
                e.Next.Previous = e.Previous;
        }

        private static void Relink(Event e)
        {
            e.Previous!.Next = e;
            if (e.Next is not null)
                e.Next.Previous = e;
        }
    }
}
