using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Core;

/// <summary>The leader: discovery (choose the epoch), synchronization (bring learners to its log), broadcast.</summary>
public sealed partial class ZabCore
{
    private readonly Dictionary<long, LearnerProgress> _learners = [];

    /// <summary>The epoch this leader leads, or 0 while discovery has not chosen it.</summary>
    private uint _leaderEpoch;
    private int _ticksInRole;

    private void BecomeLeading()
    {
        ChangeRole(Role.Leading, MyId);
        _learners.Clear();
        _leaderEpoch = 0;
        _ticksInRole = 0;
        var early = _earlyRegistrations.Values.OrderBy(r => r.From).ToList();
        _earlyRegistrations.Clear();
        foreach (var registration in early) StepLeading(registration.From, registration.Message);
        if (_leaderEpoch == 0) TryChooseEpoch(); // a single-voter quorum needs no learner to report
    }

    private void StepLeading(long from, PeerMessage message)
    {
        if (_learners.TryGetValue(from, out var known)) known.TicksSinceHeard = 0;
        switch (message)
        {
            case FollowerInfo f: Register(from, isObserver: false, f.AcceptedEpoch, f.LastZxid); break;
            case ObserverInfo o: Register(from, isObserver: true, o.AcceptedEpoch, o.LastZxid); break;
            case AckEpoch a when known is { Stage: LearnerStage.EpochProposed }: OnAckEpoch(known, a); break;
            case Ack a when known is { Stage: >= LearnerStage.Syncing }: OnAck(known, a.Zxid); break;
        }
    }

    private void Register(long from, bool isObserver, uint acceptedEpoch, Zxid lastZxid)
    {
        // A (re)connecting learner starts over; the role it claims must match the configuration.
        if (isObserver == _quorum.IsVoter(from)) return;
        var learner = new LearnerProgress(from, isObserver, acceptedEpoch, lastZxid);
        _learners[from] = learner;
        if (_leaderEpoch == 0) TryChooseEpoch();
        else ProposeEpoch(learner);
    }

    /// <summary>Once a quorum has reported, the new epoch is one above every accepted epoch reported.</summary>
    private void TryChooseEpoch()
    {
        var voters = _learners.Values.Where(l => !l.IsObserver).ToList();
        if (!_quorum.IsQuorum(voters.Select(l => l.Id).Append(MyId))) return;
        _leaderEpoch = voters.Select(l => l.AcceptedEpoch).Append(_hardState.AcceptedEpoch).Max() + 1;
        SaveHardState(_hardState with { AcceptedEpoch = _leaderEpoch });
        foreach (var learner in _learners.Values) ProposeEpoch(learner);
        TryStartSync();
    }

    private void ProposeEpoch(LearnerProgress learner)
    {
        learner.Stage = LearnerStage.EpochProposed;
        Send(learner.Id, new LeaderInfo(_leaderEpoch));
    }

    private void OnAckEpoch(LearnerProgress learner, AckEpoch ack)
    {
        // A voter whose history is newer than ours must not be synced down to ours: give up and elect again.
        if (!learner.IsObserver && (ack.CurrentEpoch, ack.LastZxid).CompareTo((_hardState.CurrentEpoch, _lastLogged)) > 0)
        {
            BecomeLooking();
            return;
        }
        learner.LastZxid = ack.LastZxid;
        learner.Stage = LearnerStage.EpochAcked;
        if (_hardState.CurrentEpoch == _leaderEpoch) Sync(learner);
        else TryStartSync();
    }

    /// <summary>
    /// Once a quorum acknowledged the epoch (no voter has a newer history), the leader's own history becomes
    /// the new epoch's initial history and every waiting learner is synced to it. Its log must be durable first:
    /// currentEpoch saved over entries a crash can still lose would let this member win a later election on
    /// that epoch with a history missing committed txns.
    /// </summary>
    private void TryStartSync()
    {
        var acked = _learners.Values.Where(l => !l.IsObserver && l.Stage >= LearnerStage.EpochAcked).Select(l => l.Id);
        if (!_quorum.IsQuorum(acked.Append(MyId)) || _durable < _lastLogged) return;
        SaveHardState(_hardState with { CurrentEpoch = _leaderEpoch });
        foreach (var waiting in _learners.Values.Where(l => l.Stage == LearnerStage.EpochAcked).ToList()) Sync(waiting);
        TryEstablish();
    }

    /// <summary>Sends the sync header, the entries the learner lacks, then NEWLEADER; proposals follow in order.</summary>
    private void Sync(LearnerProgress learner)
    {
        var plan = SyncPlanner.Plan(learner.LastZxid, _log);
        var sendAfter = plan.SendAfter;
        switch (plan.Mode)
        {
            case SyncMode.Snap:
                // The log may hand out a newer snapshot than the one planned with; the entries then follow that one.
                var snapshot = _log.Snapshot();
                sendAfter = snapshot.Zxid;
                Send(learner.Id, new Snap(snapshot.Zxid, snapshot.State));
                break;
            case SyncMode.Diff: Send(learner.Id, new Diff(_lastLogged)); break;
            default: Send(learner.Id, new Trunc(plan.TruncateTo)); break;
        }
        if (plan.Mode != SyncMode.Trunc)
            foreach (var entry in _log.Entries(sendAfter, _lastLogged))
                Send(learner.Id, new Proposal(entry.Zxid, entry.Txn));
        Send(learner.Id, new NewLeader(_leaderEpoch));
        learner.SyncedUpTo = _lastLogged;
        learner.Stage = LearnerStage.Syncing;
    }

    private void OnAck(LearnerProgress learner, Zxid zxid)
    {
        if (zxid.Counter == 0)
        {
            learner.NewLeaderAcked = true;
            learner.Acked = Zxid.Max(learner.Acked, learner.SyncedUpTo);
        }
        else learner.Acked = Zxid.Max(learner.Acked, zxid);

        if (!IsServing) TryEstablish();
        else if (learner.Stage == LearnerStage.Syncing && learner.NewLeaderAcked) SendUpToDate(learner);
        if (IsServing) TryCommit();
    }

    private void LeaderLogDurable()
    {
        if (_leaderEpoch != 0 && _hardState.CurrentEpoch != _leaderEpoch) TryStartSync();
        else if (!IsServing) TryEstablish();
        if (IsServing) TryCommit();
    }

    /// <summary>
    /// The leader serves once a quorum (itself included, with its own log durable) acknowledged NEWLEADER.
    /// Its whole log is then the committed initial history of the epoch.
    /// </summary>
    private void TryEstablish()
    {
        if (_leaderEpoch == 0 || _hardState.CurrentEpoch != _leaderEpoch || _durable < _lastLogged) return;
        var acked = _learners.Values.Where(l => !l.IsObserver && l.NewLeaderAcked).Select(l => l.Id).Append(MyId);
        if (!_quorum.IsQuorum(acked)) return;
        IsServing = true;
        CommitUpTo(_lastLogged);
        foreach (var learner in _learners.Values.Where(l => l.Stage == LearnerStage.Syncing && l.NewLeaderAcked).ToList())
            SendUpToDate(learner);
    }

    private void SendUpToDate(LearnerProgress learner)
    {
        learner.Stage = LearnerStage.Serving;
        Send(learner.Id, new UpToDate(_committed));
    }

    /// <summary>
    /// The zxid the next accepted <see cref="ClientTxnProposed"/> gets; meaningful only while <see cref="IsServing"/>
    /// as leader. The member needs it before the txn exists, because request prep records changes under it.
    /// </summary>
    public Zxid NextProposalZxid => _lastLogged.Epoch == _leaderEpoch ? _lastLogged.Next() : Zxid.FirstOf(_leaderEpoch);

    private void Propose(byte[] txn)
    {
        var zxid = NextProposalZxid;
        Append(new ZabEntry(zxid, txn));
        _ready.Proposed = zxid;
        foreach (var learner in _learners.Values)
            if (!learner.IsObserver && learner.Stage >= LearnerStage.Syncing) Send(learner.Id, new Proposal(zxid, txn));
    }

    /// <summary>Commits, strictly in zxid order, everything of this epoch that a quorum holds durably.</summary>
    private void TryCommit()
    {
        var reached = _quorum.HighestQuorumZxid(id => id == MyId ? _durable
            : _learners.TryGetValue(id, out var learner) ? learner.Acked : Zxid.Zero);
        if (reached <= _committed || reached.Epoch != _leaderEpoch) return;
        var previous = _committed;
        CommitUpTo(reached);
        var informs = _learners.Values.Any(l => l.IsObserver && l.Stage >= LearnerStage.Syncing)
            ? _log.Entries(previous, reached)
            : [];
        foreach (var learner in _learners.Values)
        {
            if (!learner.IsObserver && learner.Stage == LearnerStage.Serving) Send(learner.Id, new Commit(reached));
            // Observers get committed txns only; one still syncing needs them too (its UPTODATE may say they are committed).
            if (learner.IsObserver && learner.Stage >= LearnerStage.Syncing)
                foreach (var entry in informs) Send(learner.Id, new Inform(entry.Zxid, entry.Txn));
        }
    }

    private void TickLeading()
    {
        _ticksInRole++;
        if (!IsServing)
        {
            if (_ticksInRole > _config.InitLimitTicks) BecomeLooking();
            return;
        }
        foreach (var learner in _learners.Values) learner.TicksSinceHeard++;
        var inTouch = _learners.Values.Where(l => !l.IsObserver && l.TicksSinceHeard <= _config.SyncLimitTicks).Select(l => l.Id).Append(MyId);
        if (!_quorum.IsQuorum(inTouch))
        {
            BecomeLooking();
            return;
        }
        if (_ticksInRole % _config.PingIntervalTicks == 0)
            foreach (var learner in _learners.Values.Where(l => l.Stage >= LearnerStage.Syncing))
                Send(learner.Id, new Ping(_committed));
    }

    private void DropLearner(long id) => _learners.Remove(id);
}
