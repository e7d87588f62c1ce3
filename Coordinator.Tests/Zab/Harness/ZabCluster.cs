using System.Text;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Tests.Zab.Harness;

/// <summary>
/// A few ZabCores on an in-memory network, driven deterministically by one seed. Links are FIFO (as TCP);
/// a cut link or a crash loses what was in flight and tells both ends <see cref="PeerUnreachable"/>.
/// Journal durability is a separate event (a flush) unless the test flushes by hand. After every step the
/// Zab.tla-style invariants are checked: one serving leader per epoch, applied histories prefix-consistent,
/// each member applying in strictly increasing zxid order.
/// </summary>
internal sealed class ZabCluster
{
    private readonly Random _random;
    private readonly Dictionary<(long From, long To), Queue<PeerMessage>> _links = [];
    private readonly HashSet<(long, long)> _cut = [];
    private readonly Dictionary<uint, long> _leaderOfEpoch = [];
    private readonly List<ZabEntry> _history = [];

    public ZabCluster(int seed, long[] voters, long[]? observers = null, Func<ZabConfig, ZabConfig>? tune = null)
    {
        _random = new Random(seed);
        observers ??= [];
        foreach (var id in voters.Concat(observers))
        {
            var config = new ZabConfig(id, voters, observers);
            Members[id] = new Member(tune is null ? config : tune(config));
        }
    }

    public Dictionary<long, Member> Members { get; } = [];

    /// <summary>When false, journals become durable only when the test calls <see cref="Flush"/>.</summary>
    public bool AutoFlush { get; set; } = true;

    /// <summary>Every message handed to the network, in send order (dropped ones included).</summary>
    public List<(long From, long To, PeerMessage Message)> Sent { get; } = [];

    public Member this[long id] => Members[id];

    public IEnumerable<Member> Alive => Members.Values.Where(m => m.Core is not null);

    /// <summary>The serving leader, if exactly one alive member is one.</summary>
    public Member? Leader => Alive.SingleOrDefault(m => m.Core!.Role == Role.Leading && m.Core.IsServing);

    /// <summary>Gives a stopped member a log and hard state, as if recovered from its journal.</summary>
    public void Preload(long id, HardState hardState, params ZabEntry[] entries)
    {
        var member = Members[id];
        member.Log.Append(entries);
        member.Durable = member.Log.LastZxid;
        member.Saved = hardState;
    }

    public void Start(params long[] ids)
    {
        foreach (var id in ids)
        {
            var member = Members[id];
            var snapshot = member.Log.Snapshot();
            member.Applied = AppliedState.Decode(snapshot.State);
            member.Core = new ZabCore(member.Config, member.Log, member.Saved, snapshot.Zxid);
            Step(member, Tick.Instance);
        }
    }

    public void StartAll() => Start(Members.Keys.ToArray());

    /// <summary>Stops a member: what was not durable in its journal is lost, and so is its traffic.</summary>
    public void Crash(long id)
    {
        var member = Members[id];
        member.Core = null;
        member.Log.TruncateAfter(member.Durable);
        BreakLinks(id, Members.Keys.Where(other => other != id));
    }

    public void Partition(long[] side, long[] otherSide)
    {
        foreach (var a in side)
        {
            foreach (var b in otherSide)
            {
                _cut.Add((a, b));
                _cut.Add((b, a));
            }
            BreakLinks(a, otherSide);
        }
    }

    public void Heal() => _cut.Clear();

    /// <summary>Every txn a test proposed, accepted or not.</summary>
    public List<string> ProposedTxns { get; } = [];

    public Zxid Propose(long id, string txn)
    {
        ProposedTxns.Add(txn);
        var ready = Step(Members[id], new ClientTxnProposed(Encoding.UTF8.GetBytes(txn)));
        return ready.Proposed ?? throw new InvalidOperationException($"member {id} refused the proposal: {ready.Rejection}");
    }

    public void Flush(long id)
    {
        var member = Members[id];
        if (member.Core is null || member.Durable >= member.Log.LastZxid) return;
        member.Durable = member.Log.LastZxid;
        Step(member, new JournalAppended(member.Durable));
    }

    public void TickAll()
    {
        foreach (var member in Alive.ToList()) Step(member, Tick.Instance);
    }

    /// <summary>Delivers every queued message (and flushes journals when <see cref="AutoFlush"/>) until idle.</summary>
    public void DeliverAll(int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps; i++)
            if (!RunOneEvent()) return;
        throw new InvalidOperationException("the network did not go idle");
    }

    /// <summary>Runs events, ticking when idle, until <paramref name="done"/> holds.</summary>
    public void RunUntil(Func<bool> done, int maxSteps = 200_000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (done()) return;
            if (_random.Next(40) == 0 || !RunOneEvent()) TickAll();
        }
        throw new InvalidOperationException($"condition not reached within {maxSteps} steps");
    }

    /// <summary>Runs <paramref name="count"/> scheduler steps (an event, or a tick of every member).</summary>
    public void RunSteps(int count)
    {
        for (var i = 0; i < count; i++)
            if (_random.Next(40) == 0 || !RunOneEvent()) TickAll();
    }

    /// <summary>Runs until a leader serves and every alive member has synced with it.</summary>
    public Member RunUntilStable()
    {
        RunUntil(() => Leader is not null && Alive.All(m => m.Core!.IsServing && m.Core.LeaderId == Leader.Id));
        return Leader!;
    }

    private bool RunOneEvent()
    {
        var links = _links.Where(l => l.Value.Count > 0).Select(l => l.Key).ToList();
        var flushes = AutoFlush ? Alive.Where(m => m.Durable < m.Log.LastZxid).ToList() : [];
        var choices = links.Count + flushes.Count;
        if (choices == 0) return false;
        var pick = _random.Next(choices);
        if (pick < links.Count)
        {
            var (from, to) = links[pick];
            var message = _links[(from, to)].Dequeue();
            Step(Members[to], new PeerMessageReceived(from, message));
        }
        else Flush(flushes[pick - links.Count].Id);
        return true;
    }

    private void BreakLinks(long id, IEnumerable<long> others)
    {
        foreach (var other in others)
        {
            _links.Remove((id, other));
            _links.Remove((other, id));
            if (Members[other].Core is not null) Step(Members[other], new PeerUnreachable(id));
            if (Members[id].Core is not null) Step(Members[id], new PeerUnreachable(other));
        }
    }

    /// <summary>Steps one member and carries out its Ready in the documented order.</summary>
    private ZabReady Step(Member member, ZabInput input)
    {
        ZabReady ready;
        try { ready = member.Core!.Step(input); }
        catch (InvariantViolationException e)
        {
            // Name the failing input and the recent traffic: that is what a reader needs to replay the bug.
            var recent = string.Join('\n', Sent.TakeLast(40).Select(x => $"  {x.From}->{x.To} {x.Message}"));
            throw new InvalidOperationException($"member {member.Id} failed on {input}; last messages:\n{recent}", e);
        }
        if (ready.SnapshotToInstall is { } snapshot)
        {
            member.Log.Install(snapshot);
            member.Durable = snapshot.Zxid;
            member.Applied = AppliedState.Decode(snapshot.State);
        }
        if (ready.TruncateTo is { } truncateTo)
        {
            member.Log.TruncateAfter(truncateTo);
            member.Durable = Zxid.Min(member.Durable, truncateTo);
        }
        if (ready.HardStateToSave is { } hardState) member.Saved = hardState;
        member.Log.Append(ready.EntriesToAppend);
        foreach (var (to, message) in ready.MessagesToSend)
        {
            Sent.Add((member.Id, to, message));
            if (_cut.Contains((member.Id, to)) || Members[to].Core is null) continue;
            if (!_links.TryGetValue((member.Id, to), out var queue)) _links[(member.Id, to)] = queue = new Queue<PeerMessage>();
            queue.Enqueue(message);
        }
        if (ready.CommittedUpTo is { } committed)
        {
            var after = member.Applied.Count == 0 ? Zxid.Zero : member.Applied[^1].Zxid;
            member.Applied.AddRange(member.Log.Entries(after, committed));
            Assert.Equal(committed, member.Applied[^1].Zxid);
        }
        CheckInvariants(member);
        return ready;
    }

    private void CheckInvariants(Member changed)
    {
        var core = changed.Core!;
        if (core.Role == Role.Leading && core.IsServing)
        {
            var epoch = core.HardState.CurrentEpoch;
            if (_leaderOfEpoch.TryGetValue(epoch, out var leader))
                Assert.True(leader == changed.Id, $"Leadership: members {leader} and {changed.Id} both led epoch {epoch}");
            else _leaderOfEpoch[epoch] = changed.Id;
        }
        // Every member's applied history must be a prefix of one common history (checked incrementally).
        for (var i = changed.CheckedApplied; i < changed.Applied.Count; i++)
        {
            var entry = changed.Applied[i];
            if (i > 0) Assert.True(changed.Applied[i - 1].Zxid < entry.Zxid, $"TotalOrder: member {changed.Id} applied {entry.Zxid} out of order");
            if (i == _history.Count) _history.Add(entry);
            else Assert.True(_history[i].Zxid == entry.Zxid && _history[i].Txn.SequenceEqual(entry.Txn),
                $"PrefixConsistency: member {changed.Id} applied {entry.Zxid} where another member applied {_history[i].Zxid}");
        }
        changed.CheckedApplied = changed.Applied.Count;
    }

    internal sealed class Member(ZabConfig config)
    {
        public long Id => Config.MyId;
        public ZabConfig Config { get; } = config;
        public MemoryZabLog Log { get; } = new();
        public ZabCore? Core { get; set; }
        public HardState Saved { get; set; }
        public Zxid Durable { get; set; }
        public List<ZabEntry> Applied
        {
            get;
            set { field = value; CheckedApplied = 0; }
        } = [];

        /// <summary>How much of <see cref="Applied"/> the invariant check has already compared.</summary>
        public int CheckedApplied { get; set; }
        public IEnumerable<Zxid> AppliedZxids => Applied.Select(e => e.Zxid);
    }
}
