using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Core;

/// <summary>
/// Zab 1.0 (fast leader election, discovery, synchronization, broadcast) as a deterministic state machine:
/// one input in, one <see cref="ZabReady"/> out. No clock, no I/O, no threads: the same inputs always give
/// the same outputs. Not thread-safe; its owner (the ZabPeer actor, or a simulation) calls it serially.
/// The log is read through <see cref="IZabLog"/> and written only by the driver, from <see cref="ZabReady"/>.
/// </summary>
public sealed partial class ZabCore
{
    private readonly ZabConfig _config;
    private readonly IZabLog _log;
    private readonly QuorumTracker _quorum;
    private ZabReady _ready = new();
    private HardState _hardState;

    /// <summary>Last zxid this core asked to be logged; the log must show the same at every Step.</summary>
    private Zxid _lastLogged;
    private Zxid _durable;
    private Zxid _committed;

    /// <param name="config">Ensemble and timeouts.</param>
    /// <param name="log">The recovered log; everything in it is durable.</param>
    /// <param name="hardState">The recovered epochs.</param>
    /// <param name="committed">The last zxid already applied to the member's state (from recovery).</param>
    public ZabCore(ZabConfig config, IZabLog log, HardState hardState, Zxid committed)
    {
        if (!config.Voters.Contains(config.MyId) && !config.IsObserver)
            throw new ArgumentException($"Member {config.MyId} is neither a voter nor an observer.", nameof(config));
        _config = config;
        _log = log;
        _quorum = new QuorumTracker(config.Voters);
        _hardState = hardState;
        _lastLogged = _durable = log.LastZxid;
        _committed = Zxid.Min(committed, _lastLogged);
        BecomeLooking(); // its first notifications come out of the first Step's Ready
    }

    public Role Role { get; private set; }

    /// <summary>The leader this member follows or observes (itself when leading), or null while looking.</summary>
    public long? LeaderId { get; private set; }

    /// <summary>True once the member may serve: a leader with a synced quorum, or a learner after UPTODATE.</summary>
    public bool IsServing { get; private set; }

    public HardState HardState => _hardState;
    public Zxid Committed => _committed;
    public long MyId => _config.MyId;

    /// <summary>The single entry point: applies one input and returns what the driver must do.</summary>
    public ZabReady Step(ZabInput input)
    {
        if (_log.LastZxid != _lastLogged)
            throw new InvariantViolationException(MyId, _lastLogged,
                $"the log ends at {_log.LastZxid} but the core asked for {_lastLogged}; the driver must apply every Ready before the next Step");
        switch (input)
        {
            case Tick: OnTick(); break;
            case PeerMessageReceived { Message: Notification n } m: OnNotification(m.From, n); break;
            case PeerMessageReceived m when Admits(m.From, m.Message): OnPeerMessage(m.From, m.Message); break;
            case PeerMessageReceived { Message: FollowerInfo or ObserverInfo } m when Role == Role.Looking: KeepEarlyRegistration(m); break;
            case PeerMessageReceived: break;
            case ClientTxnProposed p: OnClientTxn(p.Txn); break;
            case JournalAppended j: OnJournalAppended(j.UpTo); break;
            case PeerUnreachable u: OnPeerUnreachable(u.Id); break;
            default: throw new ArgumentException($"Unknown Zab input {input.GetType().Name}.", nameof(input));
        }
        var ready = _ready;
        _ready = new ZabReady();
        return ready;
    }

    /// <summary>
    /// The checks every role shares: leader-to-learner traffic is accepted only from the leader this member
    /// follows and never for an epoch beyond the one it accepted; learner-to-leader traffic only while leading,
    /// and acks only for the current epoch. Anything else is a stale or stray message and is dropped.
    /// </summary>
    private bool Admits(long from, PeerMessage message) => message switch
    {
        FollowerInfo or ObserverInfo or AckEpoch => Role == Role.Leading,
        Ack a => Role == Role.Leading && a.Zxid.Epoch == _leaderEpoch && _leaderEpoch != 0,
        Ping when Role == Role.Leading => true,
        LeaderInfo or Diff or Trunc or Snap or UpToDate or Ping => IsLearner && from == LeaderId,
        NewLeader nl => IsLearner && from == LeaderId && nl.Epoch == _hardState.AcceptedEpoch,
        Proposal p => IsLearner && from == LeaderId && p.Zxid.Epoch <= _hardState.AcceptedEpoch,
        Commit c => IsLearner && from == LeaderId && c.Zxid.Epoch <= _hardState.AcceptedEpoch,
        Inform i => IsLearner && from == LeaderId && i.Zxid.Epoch <= _hardState.AcceptedEpoch,
        _ => false,
    };

    private bool IsLearner => Role is Role.Following or Role.Observing;

    private void OnTick()
    {
        switch (Role)
        {
            case Role.Looking: TickLooking(); break;
            case Role.Leading: TickLeading(); break;
            default: TickLearning(); break;
        }
    }

    private void OnPeerMessage(long from, PeerMessage message)
    {
        if (Role == Role.Leading) StepLeading(from, message);
        else StepLearning(message);
    }

    private void OnClientTxn(byte[] txn)
    {
        if (Role == Role.Leading && IsServing) Propose(txn);
        else _ready.Rejection = Role == Role.Leading ? "the leader is still synchronizing its quorum" : $"member {MyId} is not the leader";
    }

    private void OnJournalAppended(Zxid upTo)
    {
        var durable = Zxid.Min(upTo, _lastLogged);
        if (durable <= _durable) return;
        _durable = durable;
        if (Role == Role.Leading) LeaderLogDurable();
        else if (IsLearner) SendDueAcks();
    }

    private void OnPeerUnreachable(long id)
    {
        if (Role == Role.Leading) DropLearner(id);
        else if (IsLearner && id == LeaderId) BecomeLooking();
    }

    // ---- outputs: every change of logged or durable state goes through these, so the core's view stays exact ----

    private void Send(long to, PeerMessage message) => _ready.Messages.Add(new OutgoingMessage(to, message));

    private void SaveHardState(HardState state)
    {
        _hardState = state;
        _ready.HardStateToSave = state;
    }

    private void Append(ZabEntry entry)
    {
        if (!_lastLogged.IsFollowedBy(entry.Zxid))
            throw new InvariantViolationException(MyId, entry.Zxid, $"append does not follow the log's last zxid {_lastLogged}");
        _ready.Appends.Add(entry);
        _lastLogged = entry.Zxid;
    }

    private void Truncate(Zxid to)
    {
        if (to < _committed)
            throw new InvariantViolationException(MyId, to, $"truncation below the committed zxid {_committed}");
        _ready.TruncateTo = to;
        _lastLogged = _log.Floor(Zxid.Min(_lastLogged, to));
        _durable = Zxid.Min(_durable, to);
    }

    private void InstallSnapshot(ZabSnapshot snapshot)
    {
        _ready.SnapshotToInstall = snapshot;
        _lastLogged = _durable = _committed = snapshot.Zxid;
    }

    private void CommitUpTo(Zxid zxid)
    {
        var target = Zxid.Min(zxid, _lastLogged);
        if (target <= _committed) return;
        _committed = target;
        _ready.CommittedUpTo = target;
    }

    private void ChangeRole(Role role, long? leader)
    {
        Role = role;
        LeaderId = leader;
        IsServing = false;
        _ready.RoleChanged = role;
    }
}
