using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Core;

/// <summary>Fast leader election.</summary>
public sealed partial class ZabCore
{
    private long _round;
    private Vote _vote;
    private readonly Dictionary<long, Vote> _votesThisRound = [];
    private readonly Dictionary<long, Notification> _outOfElection = [];
    private int _ticksSinceVoteSent;
    private int? _finalizeTicksLeft;

    /// <summary>
    /// Learners that registered while this member was still finalizing its vote for itself: learners finalize at
    /// the same moment, so their FOLLOWERINFO often arrives just before the winner leads. Kept for this round only.
    /// </summary>
    private readonly Dictionary<long, PeerMessageReceived> _earlyRegistrations = [];

    private Vote OwnVote => new(MyId, _lastLogged, _hardState.CurrentEpoch);

    /// <summary>Starts a new round voting for itself (an observer only listens for an established leader).</summary>
    private void BecomeLooking()
    {
        ChangeRole(Role.Looking, null);
        _round++;
        _vote = OwnVote;
        _votesThisRound.Clear();
        _outOfElection.Clear();
        _earlyRegistrations.Clear();
        _finalizeTicksLeft = null;
        if (!_config.IsObserver) _votesThisRound[MyId] = _vote;
        BroadcastVote();
    }

    private void KeepEarlyRegistration(PeerMessageReceived registration) => _earlyRegistrations[registration.From] = registration;

    private void BroadcastVote()
    {
        _ticksSinceVoteSent = 0;
        foreach (var voter in _quorum.Voters)
            if (voter != MyId) Send(voter, CurrentNotification());
    }

    private Notification CurrentNotification() => new(_vote, _round, Role switch
    {
        Role.Following => PeerState.Following,
        Role.Leading => PeerState.Leading,
        Role.Observing => PeerState.Observing,
        _ => PeerState.Looking,
    });

    private void OnNotification(long from, Notification n)
    {
        if (Role != Role.Looking)
        {
            // A member that has a leader tells anyone still looking who it is.
            if (n.State == PeerState.Looking) Send(from, CurrentNotification());
            return;
        }
        if (!_quorum.IsVoter(from)) return;
        if (n.State == PeerState.Looking) OnLookingVote(from, n);
        else OnEstablishedVote(from, n);
    }

    private void OnLookingVote(long from, Notification n)
    {
        if (_config.IsObserver) return;
        if (n.Round > _round)
        {
            _round = n.Round;
            _votesThisRound.Clear();
            _vote = VoteOrder.Better(n.Vote, OwnVote);
            _votesThisRound[MyId] = _vote;
            BroadcastVote();
        }
        else if (n.Round < _round)
        {
            Send(from, CurrentNotification());
            return;
        }
        else if (VoteOrder.Compare(n.Vote, _vote) > 0)
        {
            _vote = n.Vote;
            _votesThisRound[MyId] = _vote;
            BroadcastVote();
        }
        _votesThisRound[from] = n.Vote;

        var agreed = _quorum.IsQuorum(_votesThisRound.Where(v => v.Value == _vote).Select(v => v.Key));
        if (!agreed) _finalizeTicksLeft = null;
        else if (_finalizeTicksLeft is null)
        {
            _finalizeTicksLeft = _config.FinalizeWaitTicks;
            if (_finalizeTicksLeft == 0) Decide();
        }
    }

    /// <summary>
    /// A voter that already follows or leads: join its leader once a quorum reports the same vote and the
    /// leader itself says it leads (so a crashed or deposed leader is not joined on hearsay).
    /// </summary>
    private void OnEstablishedVote(long from, Notification n)
    {
        _outOfElection[from] = n;
        var leader = n.Vote.Leader;
        if (leader == MyId) return;
        var backers = _outOfElection.Where(o => o.Value.Vote == n.Vote).Select(o => o.Key);
        if (_quorum.IsQuorum(backers) && _outOfElection.TryGetValue(leader, out var fromLeader) && fromLeader.State == PeerState.Leading)
        {
            _round = n.Round;
            _vote = n.Vote;
            BecomeLearner(leader);
        }
    }

    private void TickLooking()
    {
        if (_finalizeTicksLeft is { } left)
        {
            if (left <= 1) { Decide(); return; }
            _finalizeTicksLeft = left - 1;
        }
        if (++_ticksSinceVoteSent >= _config.ElectionTimeoutTicks) BroadcastVote();
    }

    private void Decide()
    {
        _finalizeTicksLeft = null;
        if (_vote.Leader == MyId) BecomeLeading();
        else BecomeLearner(_vote.Leader);
    }
}
