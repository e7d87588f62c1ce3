using System.Buffers.Binary;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Sessions;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Peer;
using Coordinator.Actors.Zab.Links;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

/// <summary>
/// The ZabPeer: an ensemble member drives its <see cref="ZabCore"/> here, on the member's own thread, because a
/// Zab step may replace the tree (SNAP), cut the log (TRUNC) and commit txns that must be applied in the same
/// order as everything else the member does. The core decides; this partial carries out each
/// <see cref="ZabReady"/> in the order its contract states, and routes the member-level peer messages
/// (forwarded writes, syncs, session touches) that the core does not know.
/// </summary>
public sealed partial class MemberActor
{
    private const string ZabTickTimer = "zab-tick";

    private readonly ZabCore? _zab;
    private readonly ZabJournalLog? _zabLog;
    private readonly DurableSignal _durable = new();
    private IActorRef? _peers;
    private Action<JournalAppendResult>? _onAppendDurable;
    private bool _serving;

    /// <summary>Sessions with traffic here since the last report to the leader, which tracks their expiry.</summary>
    private readonly HashSet<long> _heardFrom = [];

    /// <summary>
    /// Txns this member proposed as leader and has not applied yet, in zxid order: applying them needs no decoding of
    /// the bytes just encoded. Emptied whenever the member stops serving, so only this leadership's txns are here.
    /// </summary>
    private readonly Queue<(TxnHeader Header, Txn Txn)> _proposedHere = new();

    /// <summary>Syncs the leader answered: each completes once this member applied up to its zxid.</summary>
    private readonly List<PendingSync> _syncs = [];

    private sealed record PendingSync(long SessionId, int Cxid, Zxid UpTo);

    private sealed record ZabTickDue
    {
        public static readonly ZabTickDue Instance = new();
    }

    private sealed record ZabDurable
    {
        public static readonly ZabDurable Instance = new();
    }

    /// <summary>A standalone member always serves; an ensemble member while its Zab core says so.</summary>
    private bool IsServing => _zab is null || _zab.IsServing;

    private string Mode => _zab?.Role switch
    {
        null => "standalone",
        Role.Leading => "leader",
        Role.Following => "follower",
        Role.Observing => "observer",
        _ => "looking",
    };

    private void ReceiveEnsembleTraffic()
    {
        Receive<ZabTickDue>(_ => OnZabTick());
        Receive<ZabDurable>(_ => StepZab(new JournalAppended(_durable.Take())));
        Receive<SnapshotSaved>(saved => _zabLog!.SnapshotSaved(saved.Zxid));
        Receive<PeerNetworkProtocol.PeerReceived>(OnPeerMessage);
        Receive<PeerNetworkProtocol.PeerDisconnected>(lost => StepZab(new PeerUnreachable(lost.Id)));
    }

    private void StartEnsemble()
    {
        var ensemble = _context.Ensemble!;
        _peers = Context.ActorOf(ensemble.PeerLinks(Self), "peers");
        var self = Self;
        _onAppendDurable = result => OnAppendDurable(self, result);
        Timers.StartPeriodicTimer(ZabTickTimer, ZabTickDue.Instance, ensemble.ZabTick);
        _log.LogInformation("Member {Id} of {Ensemble} looking for a leader, log at zxid {Zxid}, applied 0x{Applied:x}",
            _settings.Id, ensemble.Description, _zabLog!.LastZxid, _tree.LastZxid);
        StepZab(Tick.Instance);
    }

    private void OnZabTick()
    {
        StepZab(Tick.Instance);
        if (_zab is { IsServing: true, Role: Role.Following or Role.Observing, LeaderId: { } leader } && _heardFrom.Count > 0)
        {
            SendToPeers([new OutgoingMessage(leader, new SessionTouches([.. _heardFrom]))]);
            _heardFrom.Clear();
        }
    }

    /// <summary>Traffic on a session keeps it alive: here directly, at a learner by reporting it to the leader.</summary>
    private void SessionHeardFrom(long sessionId)
    {
        if (_zab is not null && !PreparesWrites) _heardFrom.Add(sessionId);
    }

    private void OnPeerMessage(PeerNetworkProtocol.PeerReceived received)
    {
        switch (received.Message)
        {
            case ForwardedRequest forwarded:
                OnForwardedRequest(received.From, forwarded);
                break;
            case SyncReply reply:
                _syncs.Add(new PendingSync(reply.SessionId, reply.Cxid, reply.UpTo));
                CompleteSyncs();
                break;
            case SessionTouches touches when PreparesWrites:
                foreach (var id in touches.SessionIds)
                    if (_sessions.TryGetValue(id, out var session)) session.Actor.Tell(SessionActor.Renew.Instance);
                break;
            case SessionTouches:
                break;
            default:
                StepZab(new PeerMessageReceived(received.From, received.Message));
                break;
        }
    }

    /// <summary>One input into the core; its Ready is carried out before this returns.</summary>
    private ZabReady StepZab(ZabInput input)
    {
        var (role, leader) = (_zab!.Role, _zab.LeaderId);
        var ready = _zab.Step(input);
        if (ready.RoleChanged is not null) EndRegistrations(role, leader);
        CarryOut(ready);
        return ready;
    }

    /// <summary>
    /// A learner's quorum connection lives as long as its registration with that leader (as ZooKeeper's learner
    /// socket does): when a role ends, the links it used are reset before this Ready's messages leave, so proposals
    /// still in flight for the old registration can never be taken as part of a new one.
    /// </summary>
    private void EndRegistrations(Role endedRole, long? leader)
    {
        if (endedRole is Role.Following or Role.Observing && leader is { } left)
            _peers!.Tell(new PeerNetworkProtocol.ResetLink(left));
        else if (endedRole == Role.Leading)
            foreach (var peer in _context.Ensemble!.Config.Voters.Concat(_context.Ensemble.Config.Observers).Where(id => id != _settings.Id))
                _peers!.Tell(new PeerNetworkProtocol.ResetLink(peer));
    }

    private void ProposeToZab(long zxid, byte[] txn)
    {
        // Prep recorded its changes under this zxid; any other answer is a bug, and the member stops on it.
        var ready = StepZab(new ClientTxnProposed(txn));
        if (ready.Proposed?.ToLong() != zxid)
            throw new InvalidOperationException($"Zab gave zxid {ready.Proposed} to a txn prepared for 0x{zxid:x} ({ready.Rejection})");
    }

    /// <summary>Carries out a Ready in the order of its contract: durable state first, then appends, sends, commits, role.</summary>
    private void CarryOut(ZabReady ready)
    {
        var log = _zabLog!;
        if (ready.SnapshotToInstall is { } snapshot)
        {
            log.Install(snapshot);
            ReplaceTree(DataTreeSnapshot.Read(snapshot.State));
            _log.LogInformation("Installed the leader's snapshot at zxid {Zxid} ({Nodes} znodes)", snapshot.Zxid, _tree.NodeCount);
        }
        if (ready.TruncateTo is { } truncateTo)
        {
            log.TruncateAfter(truncateTo);
            _log.LogInformation("Log truncated after zxid {Zxid}, as the leader asked", truncateTo);
        }
        if (ready.HardStateToSave is { } hardState) HardStateRecord.Save(_context.Ensemble!.HardState, hardState);
        foreach (var entry in ready.EntriesToAppend) log.Append(entry, _onAppendDurable!);
        if (ready.MessagesToSend.Count > 0) SendToPeers(ready.MessagesToSend);
        if (ready.CommittedUpTo is { } committed) ApplyUpTo(committed);
        if (ready.RoleChanged is { } role)
            _log.LogInformation("Member {Id} is now {Role} (leader {Leader})", _settings.Id, role, _zab!.LeaderId?.ToString() ?? "unknown");
        if (_serving != _zab!.IsServing) ServingChanged(_zab.IsServing);
    }

    /// <summary>Runs on the journal's writer thread: one mailbox message per burst of durable entries, not per entry.</summary>
    private void OnAppendDurable(IActorRef self, JournalAppendResult result)
    {
        if (result.Error is not null)
        {
            self.Tell(new TxnDurable(result.Zxid, result.Error));
            return;
        }
        if (_durable.Advance(Zxid.FromLong(result.Zxid))) self.Tell(ZabDurable.Instance);
    }

    private void SendToPeers(IReadOnlyList<OutgoingMessage> messages) => _peers!.Tell(new PeerNetworkProtocol.SendBatch(messages));

    private void ApplyUpTo(Zxid committed)
    {
        foreach (var entry in _zabLog!.Entries(Zxid.FromLong(_tree.LastZxid), committed))
        {
            var (header, txn) = TakeProposedHere(entry.Zxid) ?? TxnCodec.Decode(entry.Txn);
            ApplyCommitted(header, txn);
        }
        CompleteSyncs();
    }

    /// <summary>The txn this member prepared for <paramref name="zxid"/> as leader, if it did (a zxid names one txn).</summary>
    private (TxnHeader, Txn)? TakeProposedHere(Zxid zxid)
    {
        var wanted = zxid.ToLong();
        while (_proposedHere.TryPeek(out var head) && head.Header.Zxid < wanted) _proposedHere.Dequeue();
        return _proposedHere.TryPeek(out var next) && next.Header.Zxid == wanted ? _proposedHere.Dequeue() : null;
    }

    /// <summary>A SNAP replaced the state: the tree, and the sessions it holds, are the leader's now.</summary>
    private void ReplaceTree(DataTree tree)
    {
        _tree = tree;
        _prep = NewPrep(tree);
        _reads = new Reads.ReadRequests(tree, _watches);
        foreach (var gone in _sessions.Keys.Where(id => !tree.Sessions.ContainsKey(id)).ToList())
            EndSession(gone);
        RestoreSessions();
    }

    private void ServingChanged(bool serving)
    {
        _serving = serving;
        if (serving)
        {
            _log.LogInformation("Member {Id} serving as {Mode} at zxid 0x{Zxid:x}", _settings.Id, Mode, _tree.LastZxid);
            // The new leader tracks every session afresh, as ZooKeeper's leader does after an election.
            if (PreparesWrites)
                foreach (var session in _sessions.Values) session.Actor.Tell(SessionActor.Renew.Instance);
            return;
        }
        _log.LogInformation("Member {Id} stopped serving ({Mode}); closing client connections", _settings.Id, Mode);
        var reason = $"member {_settings.Id} is not serving: {Mode}";
        foreach (var connection in _connections.Values) connection.Connection.Tell(new CloseConnection(reason));
        foreach (var open in _handshakes.Values) open.Connection.Tell(new RefuseConnection(reason));
        _handshakes.Clear();
        foreach (var session in _sessions.Values) session.Pending.Clear();
        _syncs.Clear();
        _heardFrom.Clear();
        _proposedHere.Clear();
        // What this member prepared as leader may never commit; the next leader prepares from committed state.
        _prep = NewPrep(_tree);
    }

    private void RequestSync(long sessionId, int cxid)
    {
        if (PreparesWrites)
        {
            _syncs.Add(new PendingSync(sessionId, cxid, _zabLog!.LastZxid));
            CompleteSyncs();
        }
        else SendToLeader(new ForwardedRequest(sessionId, cxid, (int)OpCode.Sync, [], []));
    }

    /// <summary>Answers each sync at the head of its session's queue once this member applied what the leader had logged.</summary>
    private void CompleteSyncs()
    {
        var applied = Zxid.FromLong(_tree.LastZxid);
        for (var i = 0; i < _syncs.Count;)
        {
            var sync = _syncs[i];
            if (!_sessions.TryGetValue(sync.SessionId, out var session))
            {
                _syncs.RemoveAt(i);
                continue;
            }
            if (sync.UpTo > applied || !session.Pending.TryPeek(out var head) || head.Request.Op != OpCode.Sync || head.Request.Xid != sync.Cxid)
            {
                i++;
                continue;
            }
            _syncs.RemoveAt(i);
            session.Pending.Dequeue();
            Reply(head.Request, ErrorCode.Ok, new SyncResponse(((SyncRequest)head.Request.Request).Path));
            AnswerQueuedReads(sync.SessionId, session);
            i = 0; // the reads it released may have uncovered another sync
        }
    }

    private void ForwardToLeader(WriteCommand command)
    {
        var (op, body, identities) = command switch
        {
            ClientWrite write => (write.Op, EncodeRequest(write.Request), write.Identities),
            StartSession start => (OpCode.CreateSession, StartSessionBody(start), (IReadOnlyList<Id>)[]),
            CloseSession => (OpCode.CloseSession, [], []),
            _ => throw new ArgumentException($"Unknown write command {command.GetType().Name}.", nameof(command)),
        };
        SendToLeader(new ForwardedRequest(command.SessionId, command.Cxid, (int)op, body, identities));
    }

    private void SendToLeader(ForwardedRequest request)
    {
        // Without a leader the client's connection is being closed (see ServingChanged); nothing waits for this.
        if (_zab is { IsServing: true, LeaderId: { } leader }) SendToPeers([new OutgoingMessage(leader, request)]);
    }

    /// <summary>The leader prepares a learner's write as if its own client had sent it.</summary>
    private void OnForwardedRequest(long from, ForwardedRequest forwarded)
    {
        if (!PreparesWrites) return; // the learner learns of the lost leadership from Zab and closes its clients
        var op = (OpCode)forwarded.OpCode;
        switch (op)
        {
            case OpCode.Sync:
                SendToPeers([new OutgoingMessage(from, new SyncReply(forwarded.SessionId, forwarded.Cxid, _zabLog!.LastZxid))]);
                break;
            case OpCode.CreateSession when forwarded.Body.Length >= 4:
                Prepare(ReadStartSession(forwarded));
                break;
            case OpCode.CreateSession:
                _log.LogWarning("Member {From} forwarded a createSession without its timeout; dropped", from);
                break;
            case OpCode.CloseSession:
                Prepare(new CloseSession(forwarded.SessionId, forwarded.Cxid));
                break;
            default:
                var decoded = RequestDecoder.Decode(op, forwarded.Body, _settings.JuteMaxBuffer);
                ZkRequest request = decoded.Request ?? new RejectedRequest(ErrorCode.MarshallingError, false, decoded.Error ?? "undecodable");
                Prepare(new ClientWrite(forwarded.SessionId, forwarded.Cxid, op, request, forwarded.Identities));
                break;
        }
    }

    /// <summary>A learner re-encodes its client's request for the leader in the member's reused encoding buffer.</summary>
    private byte[] EncodeRequest(ZkRequest request)
    {
        _encoded.ResetWrittenCount();
        var writer = new JuteWriter(_encoded);
        request.Write(ref writer);
        return _encoded.WrittenSpan.ToArray();
    }

    /// <summary>createSession travels as its timeout (int32, big-endian) followed by the password.</summary>
    private static byte[] StartSessionBody(StartSession start)
    {
        var body = new byte[4 + start.Password.Length];
        BinaryPrimitives.WriteInt32BigEndian(body, start.TimeoutMs);
        start.Password.CopyTo(body, 4);
        return body;
    }

    private static StartSession ReadStartSession(ForwardedRequest forwarded) =>
        new(forwarded.SessionId, BinaryPrimitives.ReadInt32BigEndian(forwarded.Body), forwarded.Body[4..]);

    /// <summary>
    /// The highest zxid the journal made durable, handed from its writer thread to the member with at most one
    /// pending mailbox message.
    /// </summary>
    private sealed class DurableSignal
    {
        private long _upTo;
        private int _signalled;

        /// <summary>Records a durable zxid; true when the member must be told (no message is pending yet).</summary>
        public bool Advance(Zxid zxid)
        {
            Volatile.Write(ref _upTo, zxid.ToLong());
            return Interlocked.Exchange(ref _signalled, 1) == 0;
        }

        /// <summary>The newest durable zxid; later advances signal again.</summary>
        public Zxid Take()
        {
            Volatile.Write(ref _signalled, 0);
            return Zxid.FromLong(Volatile.Read(ref _upTo));
        }
    }
}
