using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Core;

/// <summary>Following and observing: register with the leader, take its sync stream, then log its broadcast.</summary>
public sealed partial class ZabCore
{
    private bool _newLeaderAckDue;
    private bool _newLeaderAcked;
    private Zxid _newLeaderAckCovers;
    private Zxid _lastAckSent;

    /// <summary>The highest zxid the leader said is committed; applied as far as the log reaches once serving.</summary>
    private Zxid _knownCommitted;
    private int _ticksSinceLeader;
    private bool _heardFromLeader;

    private void BecomeLearner(long leader)
    {
        ChangeRole(_config.IsObserver ? Role.Observing : Role.Following, leader);
        _newLeaderAckDue = _newLeaderAcked = false;
        _lastAckSent = _knownCommitted = Zxid.Zero;
        _ticksSinceLeader = 0;
        _heardFromLeader = false;
        Register();
    }

    private void Register() => Send(LeaderId!.Value, _config.IsObserver
        ? new ObserverInfo(_hardState.AcceptedEpoch, _lastLogged)
        : new FollowerInfo(_hardState.AcceptedEpoch, _lastLogged));

    private void StepLearning(PeerMessage message)
    {
        _ticksSinceLeader = 0;
        _heardFromLeader = true;
        switch (message)
        {
            case LeaderInfo l: OnLeaderInfo(l.Epoch); break;
            case Diff: break;
            case Trunc t: Truncate(t.TruncateTo); break;
            case Snap s: InstallSnapshot(new ZabSnapshot(s.SnapshotZxid, s.State)); break;
            case Proposal p: Append(new ZabEntry(p.Zxid, p.Txn)); break;
            case NewLeader: OnNewLeader(); break;
            case UpToDate u: OnUpToDate(u.CommittedZxid); break;
            case Commit c: LearnCommitted(c.Zxid); break;
            case Inform i: OnInform(new ZabEntry(i.Zxid, i.Txn)); break;
            case Ping: Send(LeaderId!.Value, new Ping(_lastLogged)); break;
        }
    }

    private void OnLeaderInfo(uint epoch)
    {
        if (epoch < _hardState.AcceptedEpoch)
        {
            // This member already promised a newer leader.
            BecomeLooking();
            return;
        }
        if (epoch > _hardState.AcceptedEpoch) SaveHardState(_hardState with { AcceptedEpoch = epoch });
        Send(LeaderId!.Value, new AckEpoch(_hardState.CurrentEpoch, _lastLogged));
    }

    /// <summary>
    /// NEWLEADER's epoch becomes currentEpoch only once the whole sync stream is durable (in
    /// <see cref="SendDueAcks"/>): a member that saved the new currentEpoch and then lost undurable entries in a
    /// crash would win the next election on that epoch with a history missing committed txns.
    /// </summary>
    private void OnNewLeader()
    {
        _newLeaderAckDue = true;
        _newLeaderAckCovers = _lastLogged;
        SendDueAcks();
    }

    /// <summary>
    /// Acks vouch for durability, so they wait for <see cref="JournalAppended"/>: NEWLEADER is acked once the
    /// whole sync stream is durable, and each broadcast ack covers everything durable up to its zxid.
    /// </summary>
    private void SendDueAcks()
    {
        var epoch = _hardState.AcceptedEpoch;
        if (_newLeaderAckDue && _durable >= _newLeaderAckCovers)
        {
            SaveHardState(_hardState with { CurrentEpoch = epoch });
            _newLeaderAckDue = false;
            _newLeaderAcked = true;
            _lastAckSent = Zxid.Max(_durable, new Zxid(epoch, 0));
            Send(LeaderId!.Value, new Ack(new Zxid(epoch, 0)));
        }
        if (_newLeaderAcked && Role == Role.Following && _durable.Epoch == epoch && _durable > _lastAckSent)
        {
            _lastAckSent = _durable;
            Send(LeaderId!.Value, new Ack(_durable));
        }
    }

    private void OnUpToDate(Zxid committed)
    {
        IsServing = true;
        LearnCommitted(committed);
    }

    private void OnInform(ZabEntry entry)
    {
        // The sync stream may already have carried this entry while it was still a proposal.
        if (entry.Zxid > _lastLogged) Append(entry);
        LearnCommitted(entry.Zxid);
    }

    private void LearnCommitted(Zxid zxid)
    {
        _knownCommitted = Zxid.Max(_knownCommitted, zxid);
        if (IsServing) CommitUpTo(_knownCommitted);
    }

    private void TickLearning()
    {
        var limit = IsServing ? _config.SyncLimitTicks : _config.InitLimitTicks;
        if (++_ticksSinceLeader > limit) BecomeLooking();
        // The elected member may not have been leading yet when this one registered (it drops learner traffic
        // until it leads, unless it was still finalizing): register again each tick until the leader answers. Safe:
        // every copy leaves before this member's first ACKEPOCH, so the leader never syncs it twice.
        else if (!_heardFromLeader) Register();
    }
}
