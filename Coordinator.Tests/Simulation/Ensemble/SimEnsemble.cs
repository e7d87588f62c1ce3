using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Simulation.Checkers;

namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>Counts of the events a sweep must keep reaching.</summary>
internal sealed class SimCoverage
{
    public int Crashes { get; set; }

    /// <summary>Crashes that lost logged entries not yet durable.</summary>
    public int CrashesLosingEntries { get; set; }

    public int LeadersEstablished { get; set; }
    public int SnapshotsInstalled { get; set; }

    /// <summary>TRUNC packets that actually removed entries.</summary>
    public int Truncations { get; set; }

    public void Add(SimCoverage other)
    {
        Crashes += other.Crashes;
        CrashesLosingEntries += other.CrashesLosingEntries;
        LeadersEstablished += other.LeadersEstablished;
        SnapshotsInstalled += other.SnapshotsInstalled;
        Truncations += other.Truncations;
    }

    public override string ToString() =>
        $"{Crashes} crashes ({CrashesLosingEntries} losing undurable entries), {LeadersEstablished} leaders established, "
        + $"{SnapshotsInstalled} SNAP installs, {Truncations} truncations";
}

/// <summary>A deliberate bug a test can plant in the driver to prove the checks catch it.</summary>
internal enum InjectedBug
{
    None,

    /// <summary>Followers apply proposals to their trees as soon as they log them, before any commit.</summary>
    ApplyUncommitted,

    /// <summary>The journal reports entries durable the moment they are appended, so acks run ahead of the disk.</summary>
    AckBeforeDurable,

    /// <summary>Members answer reads even when not serving or behind the client's last seen zxid.</summary>
    ReadsIgnoreLastZxidSeen,

    /// <summary>The leader answers a client write as soon as it proposes it, before a quorum has it.</summary>
    ReplyBeforeCommit,
}

/// <summary>
/// A whole ensemble on one seeded scheduler: every member is a <see cref="ZabCore"/> with its log, a
/// <see cref="DataTree"/> that applies committed txns (TxnCodec bytes) in zxid order, and, on a serving leader,
/// a <see cref="RequestPrep"/> that turns client writes into txns. Ticks, message deliveries and journal flushes
/// are separate events chosen by the seed, so any interleaving of timeouts, traffic and durability can occur.
/// <para>
/// The network follows what TCP gives and what the core's contract assumes: each directed link delivers in send
/// order, never duplicates and never reorders within one connection. What varies: which link delivers next
/// (cross-link reordering), how long a link is held (delay, <see cref="Stall"/>), and loss, which is always a
/// broken connection (<see cref="CutLink"/>): the rest of the link's queue is lost and both ends get
/// <see cref="PeerUnreachable"/>. The next send reconnects. Duplicates therefore appear the way they do in a real
/// deployment: after a reconnect the learner registers again and the leader resends (re-syncs) what it must.
/// A message from a connection that broke is never delivered on the next one; the ZabPeer driver must guarantee
/// the same (a stale frame after <see cref="PeerUnreachable"/> would break the core's FIFO assumption).
/// </para>
/// <para>
/// Determinism: members and links live in arrays indexed by member id, dictionaries are keyed by value types,
/// and the one <see cref="Random"/> is seeded, so a seed replays exactly.
/// </para>
/// </summary>
internal sealed class SimEnsemble
{
    private static readonly byte[] InitialState = DataTreeSnapshot.Write(new DataTree());
    private static readonly PrepSettings Settings = new();

    private readonly SimMember[] _members;
    private readonly Queue<PeerMessage>?[,] _links;
    private readonly bool[,] _cut;
    private readonly long[,] _stalledUntil;
    private readonly InvariantMonitor _monitor = new();
    private readonly Dictionary<Zxid, TxnOutcome> _outcomes = [];

    public SimEnsemble(int seed, int voters, int observers = 0, InjectedBug bug = InjectedBug.None)
    {
        Random = new Random(seed);
        Bug = bug;
        var voterIds = Enumerable.Range(1, voters).Select(i => (long)i).ToArray();
        var observerIds = Enumerable.Range(voters + 1, observers).Select(i => (long)i).ToArray();
        var initial = new ZabSnapshot(Zxid.Zero, InitialState);
        _members = voterIds.Concat(observerIds).Select(id => new SimMember(new ZabConfig(id, voterIds, observerIds), initial)).ToArray();
        var size = _members.Length + 1;
        _links = new Queue<PeerMessage>?[size, size];
        _cut = new bool[size, size];
        _stalledUntil = new long[size, size];
    }

    public Random Random { get; }
    public InjectedBug Bug { get; }
    public SimTrace Trace { get; } = new();

    /// <summary>Scheduler steps taken so far (the trace's clock).</summary>
    public long Steps { get; private set; }

    /// <summary>Logical milliseconds for txn headers: one per tick of any member.</summary>
    public long NowMs { get; private set; }

    public IReadOnlyList<SimMember> Members => _members;
    public int CommittedCount => _monitor.CommittedCount;

    /// <summary>What the run exercised, so a sweep can tell it did not stop reaching crashes, elections, SNAP or TRUNC.</summary>
    public SimCoverage Coverage { get; } = new();
    public SimMember this[long id] => _members[id - 1];
    public IEnumerable<SimMember> Alive => _members.Where(m => m.IsAlive);
    public int VoterCount => _members[0].Config.Voters.Count;

    /// <summary>When set, every message handed to the network is recorded (for tests that read the traffic).</summary>
    public List<(long From, long To, PeerMessage Message)>? Traffic { get; set; }

    // ---- lifecycle and faults ----

    /// <summary>(Re)starts a member from what its disk holds: the log up to the durable point, the hard state, the snapshot.</summary>
    public void Start(long id)
    {
        var member = this[id];
        if (member.IsAlive) return;
        var snapshot = member.Log.Snapshot();
        member.Tree = DataTreeSnapshot.Read(snapshot.State);
        member.Applied = snapshot.Zxid;
        member.EstablishedEpoch = 0;
        _monitor.Loaded(member, snapshot.Zxid, member.Tree.Digest());
        member.Core = new ZabCore(member.Config, member.Log, member.Saved, snapshot.Zxid);
        Trace.Add(Steps, "start", member.ToString());
        Step(member, Tick.Instance);
    }

    public void StartAll()
    {
        foreach (var member in _members) Start(member.Id);
    }

    /// <summary>Stops a member: entries its journal had not made durable are lost, and so is its traffic.</summary>
    public void Crash(long id)
    {
        var member = this[id];
        if (!member.IsAlive) return;
        Trace.Add(Steps, "crash", member.ToString());
        member.Core = null;
        Coverage.Crashes++;
        if (member.Durable < member.Log.LastZxid) Coverage.CrashesLosingEntries++;
        member.Log.TruncateAfter(member.Durable);
        StopLeading(member);
        BreakLinks(id, _members.Select(m => m.Id).Where(other => other != id));
    }

    /// <summary>A lost message: the connection between the two breaks; both ends notice, the next send reconnects.</summary>
    public void CutLink(long a, long b)
    {
        Trace.Add(Steps, "cut", $"{a}<->{b}");
        BreakLinks(a, [b]);
    }

    /// <summary>No traffic crosses between <paramref name="side"/> and the rest until <see cref="Heal"/>.</summary>
    public void Partition(IReadOnlyCollection<long> side)
    {
        var other = _members.Select(m => m.Id).Except(side).ToArray();
        Trace.Add(Steps, "partition", $"[{string.Join(",", side)}] | [{string.Join(",", other)}]");
        foreach (var a in side)
        {
            foreach (var b in other) _cut[a, b] = _cut[b, a] = true;
            BreakLinks(a, other);
        }
    }

    public void Heal()
    {
        Trace.Add(Steps, "heal");
        Array.Clear(_cut);
        Array.Clear(_stalledUntil);
    }

    /// <summary>Holds the link <paramref name="from"/> → <paramref name="to"/> for <paramref name="steps"/> steps (delay, no loss).</summary>
    public void Stall(long from, long to, int steps)
    {
        Trace.Add(Steps, "stall", $"{from}->{to} for {steps}");
        _stalledUntil[from, to] = Steps + steps;
    }

    /// <summary>The member snapshots its applied tree into its log (a log purge), so later learners may need SNAP.</summary>
    public void TakeSnapshot(long id)
    {
        var member = this[id];
        if (!member.IsAlive || member.Applied <= member.Log.SnapshotZxid || member.Applied > member.Durable) return;
        Trace.Add(Steps, "snapshot", $"member {id} at {member.Applied}");
        member.Log.Compact(new ZabSnapshot(member.Applied, DataTreeSnapshot.Write(member.Tree)));
    }

    // ---- the scheduler ----

    /// <summary>One background event: a delivery, a journal flush or one member's tick, chosen by the seed.</summary>
    public void RunStep()
    {
        Steps++;
        var roll = Random.Next(100);
        if (roll < 65 && DeliverOne()) return;
        if (roll < 80 && FlushOne()) return;
        TickOne();
    }

    /// <summary>Runs background steps until <paramref name="done"/> holds; false if it never did.</summary>
    public bool RunUntil(Func<bool> done, int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (done()) return true;
            RunStep();
        }
        return done();
    }

    /// <summary>The one serving leader every alive member serves with, or null while that is not the case.</summary>
    public SimMember? StableLeader()
    {
        var leaders = Alive.Where(m => m.IsServingLeader).ToList();
        if (leaders.Count != 1) return null;
        var leader = leaders[0];
        return Alive.All(m => m.IsServing && m.Core!.LeaderId == leader.Id) ? leader : null;
    }

    /// <summary>True when every alive member serves one leader and has applied that leader's whole log.</summary>
    public bool IsSettled() =>
        StableLeader() is { } leader && Alive.All(m => m.Applied == leader.Log.LastZxid && m.Durable == m.Log.LastZxid);

    private bool DeliverOne()
    {
        var ready = new List<(int From, int To)>();
        for (var from = 1; from <= _members.Length; from++)
            for (var to = 1; to <= _members.Length; to++)
                if (_links[from, to] is { Count: > 0 } && _stalledUntil[from, to] <= Steps) ready.Add((from, to));
        if (ready.Count == 0) return false;
        var (f, t) = ready[Random.Next(ready.Count)];
        var message = _links[f, t]!.Dequeue();
        Trace.Add(Steps, $"deliver {f}->{t}", message);
        Step(this[t], new PeerMessageReceived(f, message));
        return true;
    }

    /// <summary>Makes a random prefix of one member's undurable entries durable (a group commit).</summary>
    private bool FlushOne()
    {
        var behind = Alive.Where(m => m.Durable < m.Log.LastZxid).ToList();
        if (behind.Count == 0) return false;
        var member = behind[Random.Next(behind.Count)];
        var pending = member.Log.Entries(member.Durable, member.Log.LastZxid);
        Flush(member, pending[Random.Next(pending.Count)].Zxid);
        return true;
    }

    /// <summary>Makes everything <paramref name="member"/> has logged up to <paramref name="upTo"/> durable.</summary>
    public void Flush(SimMember member, Zxid upTo)
    {
        if (!member.IsAlive || upTo <= member.Durable) return;
        member.Durable = upTo;
        Trace.Add(Steps, $"flush {member.Id} to {upTo}");
        Step(member, new JournalAppended(upTo));
    }

    public void FlushAll()
    {
        foreach (var member in Alive.ToList()) Flush(member, member.Log.LastZxid);
    }

    private void TickOne()
    {
        var alive = Alive.ToList();
        if (alive.Count == 0) return;
        TickMember(alive[Random.Next(alive.Count)]);
    }

    public void TickMember(SimMember member)
    {
        NowMs++;
        Trace.Add(Steps, $"tick {member.Id}");
        Step(member, Tick.Instance);
    }

    private void BreakLinks(long id, IEnumerable<long> others)
    {
        foreach (var other in others)
        {
            _links[id, other]?.Clear();
            _links[other, id]?.Clear();
            if (this[other].IsAlive) Step(this[other], new PeerUnreachable(id));
            if (this[id].IsAlive) Step(this[id], new PeerUnreachable(other));
        }
    }

    // ---- client writes ----

    /// <summary>The zxid a serving leader's core gives the next txn (the first of its epoch, or the next counter).</summary>
    private static Zxid NextZxid(SimMember leader)
    {
        var epoch = leader.Core!.HardState.CurrentEpoch;
        var last = leader.Log.LastZxid;
        return last.Epoch == epoch ? last.Next() : Zxid.FirstOf(epoch);
    }

    /// <summary>
    /// Prepares <paramref name="request"/> on <paramref name="leader"/> (a serving leader) against its tree and
    /// outstanding changes, and proposes the txn. The ticket completes when the leader applies it.
    /// </summary>
    public Zxid SubmitWrite(SimMember leader, long sessionId, int cxid, OpCode op, ZkRequest request, WriteTicket ticket)
    {
        if (!leader.IsServingLeader) throw new InvalidOperationException($"{leader} is not a serving leader");
        var zxid = NextZxid(leader);
        leader.Prep ??= new RequestPrep(leader.Tree, Settings);
        var txn = leader.Prep.Prepare(new PrepCaller(sessionId, []), zxid.ToLong(), op, request);
        var bytes = TxnCodec.Encode(new TxnHeader(sessionId, cxid, zxid.ToLong(), NowMs), txn);
        if (Bug == InjectedBug.ReplyBeforeCommit) ticket.Completed(Reply(txn, Expected(txn)), zxid);
        else leader.Waiting[zxid] = ticket;
        Trace.Add(Steps, $"propose on {leader.Id} at {zxid}", txn);
        var ready = Step(leader, new ClientTxnProposed(bytes));
        if (ready.Proposed != zxid)
            throw new SimulationFailure($"member {leader.Id} gave the txn {ready.Proposed?.ToString() ?? "no zxid"} ({ready.Rejection}), prep expected {zxid}");
        return zxid;
    }

    /// <summary>A leader that stops leading (or crashes) forgets its prep; its waiting writes become indeterminate.</summary>
    private void StopLeading(SimMember member)
    {
        member.Prep = null;
        var lost = member.Waiting.Values.ToList();
        member.Waiting.Clear();
        foreach (var ticket in lost) ticket.Lost();
    }

    // ---- the driver: carries out a Ready in the order ZabReady documents ----

    private ZabReady Step(SimMember member, ZabInput input)
    {
        var (roleBefore, leaderBefore) = (member.Core!.Role, member.Core.LeaderId);
        ZabReady ready;
        try { ready = member.Core.Step(input); }
        catch (InvariantViolationException e)
        {
            throw new SimulationFailure($"member {member.Id} broke a core invariant on {input}: {e.Message}", e);
        }
        if (ready.SnapshotToInstall is { } snapshot)
        {
            Coverage.SnapshotsInstalled++;
            member.Log.Install(snapshot);
            member.Durable = snapshot.Zxid;
            member.Tree = DataTreeSnapshot.Read(snapshot.State);
            member.Applied = snapshot.Zxid;
            _monitor.Loaded(member, snapshot.Zxid, member.Tree.Digest());
        }
        if (ready.TruncateTo is { } truncateTo)
        {
            if (truncateTo < member.Log.LastZxid) Coverage.Truncations++;
            member.Log.TruncateAfter(truncateTo);
            member.Durable = Zxid.Min(member.Durable, truncateTo);
        }
        if (ready.HardStateToSave is { } hardState) member.Saved = hardState;
        member.Log.Append(ready.EntriesToAppend);
        foreach (var (to, message) in ready.MessagesToSend)
        {
            Traffic?.Add((member.Id, to, message));
            if (_cut[member.Id, to] || !this[to].IsAlive) continue;
            (_links[member.Id, to] ??= new Queue<PeerMessage>()).Enqueue(message);
        }
        if (Bug == InjectedBug.ApplyUncommitted && member.Core!.Role == Role.Following && ready.EntriesToAppend.Count > 0)
            ApplyUpTo(member, member.Log.LastZxid);
        if (ready.CommittedUpTo is { } committed) ApplyUpTo(member, committed);
        if (ready.RoleChanged is not null)
        {
            StopLeading(member);
            CloseLearnerConnections(member, roleBefore, leaderBefore);
        }
        if (_monitor.AfterStep(member)) Coverage.LeadersEstablished++;
        if (Bug == InjectedBug.AckBeforeDurable && ready.EntriesToAppend.Count > 0)
            Step(member, new JournalAppended(member.Log.LastZxid));
        return ready;
    }

    /// <summary>
    /// A learner's connection to its leader lives as long as that registration (ZooKeeper's learner socket): a
    /// learner that stops following closes it, a leader that steps down closes every learner's. Without this, a
    /// learner that timed out and registered again with the same leader would take the first registration's
    /// proposals, still in flight, as part of the new one. One link per pair carries election traffic too here,
    /// so the votes in flight on it are lost as well; elections resend them.
    /// </summary>
    private void CloseLearnerConnections(SimMember member, Role roleBefore, long? leaderBefore)
    {
        if (roleBefore is Role.Following or Role.Observing && leaderBefore is { } leader && leader != member.Id)
        {
            Trace.Add(Steps, $"member {member.Id} leaves leader {leader}: their connection closes");
            BreakLinks(member.Id, [leader]);
        }
        else if (roleBefore == Role.Leading)
        {
            Trace.Add(Steps, $"member {member.Id} stops leading: its learner connections close");
            BreakLinks(member.Id, _members.Select(m => m.Id).Where(id => id != member.Id));
        }
    }

    private void ApplyUpTo(SimMember member, Zxid upTo)
    {
        foreach (var entry in member.Log.Entries(member.Applied, upTo))
        {
            var (header, txn) = TxnCodec.Decode(entry.Txn);
            if (header.Zxid != entry.Zxid.ToLong())
                throw new SimulationFailure($"member {member.Id} logged a txn for 0x{header.Zxid:x} at {entry.Zxid}");
            var result = member.Tree.Apply(header, txn);
            member.Prep?.Outstanding.Committed(header.Zxid);
            var previous = member.Applied;
            member.Applied = entry.Zxid;
            _monitor.Applied(member, previous, entry.Zxid, entry.Txn, member.Tree.Digest());
            var reply = Reply(txn, result);
            _outcomes.TryAdd(entry.Zxid, new TxnOutcome(header.SessionId, header.Cxid, reply));
            if (member.Waiting.Remove(entry.Zxid, out var ticket)) ticket.Completed(reply, entry.Zxid);
        }
        if (member.Applied < upTo && Bug != InjectedBug.ApplyUncommitted)
            throw new SimulationFailure($"member {member.Id} was told to apply up to {upTo} but its log ends at {member.Log.LastZxid}");
    }

    /// <summary>
    /// Ground truth for an indeterminate write: what applying the txn committed at <paramref name="zxid"/> answered,
    /// if that txn is the one session <paramref name="sessionId"/> sent as <paramref name="cxid"/>; else null (it never took effect).
    /// </summary>
    public ZkOutput? OutcomeOf(Zxid zxid, long sessionId, int cxid) =>
        _outcomes.TryGetValue(zxid, out var outcome) && outcome.SessionId == sessionId && outcome.Cxid == cxid ? outcome.Reply : null;

    private sealed record TxnOutcome(long SessionId, int Cxid, ZkOutput Reply);

    /// <summary>The apply result prep promises for <paramref name="txn"/> (for <see cref="InjectedBug.ReplyBeforeCommit"/>).</summary>
    private static ApplyResult Expected(Txn txn) => new(
        [txn switch
        {
            ErrorTxn error => OpResult.Failed(error.Error),
            SetDataTxn set => OpResult.Ok(set.Path, default(Stat) with { Version = set.NewVersion }),
            _ => OpResult.Ok(),
        }],
        []);

    /// <summary>What the client sees for its write, in the checker's terms.</summary>
    private static ZkOutput Reply(Txn txn, ApplyResult result) => result.Single switch
    {
        { IsError: true } failed => ZkOutput.Failed(failed.Error),
        { Stat: { } stat } when txn is SetDataTxn => ZkOutput.WithVersion(stat.Version),
        _ => ZkOutput.Ok(),
    };
}
