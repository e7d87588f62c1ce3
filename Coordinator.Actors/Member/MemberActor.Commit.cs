using System.Buffers;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Actors.Zab.Core;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

public sealed partial class MemberActor
{
    /// <summary>Standalone: txns handed to the journal and not yet durable, in zxid order.</summary>
    private readonly Queue<(TxnHeader Header, Txn Txn)> _journaling = new();

    /// <summary>
    /// Where txns (and a learner's forwarded requests) are encoded, reused: a fresh growing writer per write cost two
    /// extra arrays and copies of a 4 KiB value. Used on the member's thread only; callers copy the bytes out.
    /// </summary>
    private readonly ArrayBufferWriter<byte> _encoded = new(256);
    private long _lastJournaledZxid;
    private int _txnsSinceSnapshot;
    private int _snapshotThreshold;
    private Task _snapshotInFlight = Task.CompletedTask;

    /// <summary>A write to prepare into a txn, wherever it came from: a local session, expiry, or a learner's forward.</summary>
    private abstract record WriteCommand(long SessionId, int Cxid);

    private sealed record ClientWrite(long SessionId, int Cxid, OpCode Op, ZkRequest Request, IReadOnlyList<Id> Identities)
        : WriteCommand(SessionId, Cxid);

    private sealed record StartSession(long SessionId, int TimeoutMs, byte[] Password) : WriteCommand(SessionId, 0);

    /// <summary>closeSession from the client (its cxid), or expiry (cxid 0).</summary>
    private sealed record CloseSession(long SessionId, int Cxid) : WriteCommand(SessionId, Cxid);

    /// <summary>Ensemble: a snapshot of the applied tree is saved; the Zab log may start after it.</summary>
    private sealed record SnapshotSaved(Zxid Zxid);

    /// <summary>Standalone: the journal made every entry up to <paramref name="Zxid"/> durable (or failed).</summary>
    private sealed record TxnDurable(long Zxid, Exception? Error);

    /// <summary>True where writes become txns: a standalone member, or the serving leader of an ensemble.</summary>
    private bool PreparesWrites => _zab is null || _zab is { Role: Role.Leading, IsServing: true };

    /// <summary>Prepares the write here, or forwards it to the leader that prepares it.</summary>
    private void Submit(WriteCommand command)
    {
        if (PreparesWrites) Prepare(command);
        else ForwardToLeader(command);
    }

    /// <summary>The zxid the next prepared txn gets.</summary>
    private long NextZxid => _zab is null ? _lastJournaledZxid + 1 : _zab.NextProposalZxid.ToLong();

    private void Prepare(WriteCommand command)
    {
        var zxid = NextZxid;
        Txn txn;
        switch (command)
        {
            case ClientWrite write:
                txn = _prep.Prepare(new PrepCaller(write.SessionId, write.Identities, IsClosing(write.SessionId)), zxid, write.Op, write.Request);
                break;
            case StartSession start:
                txn = RequestPrep.PrepareCreateSession(start.TimeoutMs, start.Password);
                break;
            case CloseSession close:
                if (_sessions.TryGetValue(close.SessionId, out var closing)) closing.Closing = true;
                txn = _prep.PrepareCloseSession(close.SessionId, zxid);
                break;
            default:
                throw new ArgumentException($"Unknown write command {command.GetType().Name}.", nameof(command));
        }
        Replicate(new TxnHeader(command.SessionId, command.Cxid, zxid, NowMs), txn);
    }

    private bool IsClosing(long sessionId) => _sessions.TryGetValue(sessionId, out var session) && session.Closing;

    /// <summary>Nothing is applied or answered before the txn is durable: on this journal, or on a Zab quorum's.</summary>
    private void Replicate(TxnHeader header, Txn txn)
    {
        _encoded.ResetWrittenCount();
        TxnCodec.Encode(header, txn, _encoded);
        var bytes = _encoded.WrittenSpan.ToArray();
        if (_zab is not null)
        {
            ProposeToZab(header.Zxid, bytes);
            _proposedHere.Enqueue((header, txn));
            return;
        }
        _lastJournaledZxid = header.Zxid;
        _journaling.Enqueue((header, txn));
        var self = Self;
        _context.Journal.Enqueue(
            new JournalEntry(header.Zxid, (int)TxnCodec.OpCodeOf(bytes), bytes),
            result => self.Tell(new TxnDurable(result.Zxid, result.Error)));
    }

    private void OnTxnDurable(TxnDurable durable)
    {
        if (durable.Error is not null)
        {
            JournalFailed(durable.Zxid, durable.Error);
            return;
        }
        while (_journaling.TryPeek(out var next) && next.Header.Zxid <= durable.Zxid)
        {
            _journaling.Dequeue();
            ApplyCommitted(next.Header, next.Txn);
        }
    }

    /// <summary>Nothing may be acknowledged that is not on disk: stop serving rather than guess.</summary>
    private void JournalFailed(long zxid, Exception error)
    {
        _log.LogCritical(error, "Journal append failed at zxid 0x{Zxid:x}; the member stops", zxid);
        Context.Stop(Self);
    }

    /// <summary>
    /// Applies a committed txn. Everything that follows is decided by the txn itself, so every member does the same:
    /// sessions start and end, watches fire, and the member that holds the writer's request answers it.
    /// </summary>
    private void ApplyCommitted(TxnHeader header, Txn txn)
    {
        var result = _tree.Apply(header, txn);
        _prep.Outstanding.Committed(header.Zxid);
        Notify(result.Triggers);
        switch (txn)
        {
            case CreateSessionTxn created:
                SessionStarted(header.SessionId, created);
                break;
            case CloseSessionTxn:
                if (!CompleteWrite(header, txn, result)) EndSession(header.SessionId);
                break;
            default:
                CompleteWrite(header, txn, result);
                break;
        }
        MaybeSnapshot();
    }

    /// <summary>Watch events go out before any reply that reflects the change, because they are sent first.</summary>
    private void Notify(IReadOnlyList<WatchTrigger> triggers)
    {
        foreach (var trigger in triggers)
        {
            foreach (var delivery in _watches.Trigger(trigger.Path, trigger.Type))
            {
                if (!_connections.TryGetValue(delivery.WatcherId, out var connection)) continue;
                // A connection without READ on the node learns nothing about it.
                if (!Auth.AclCheck.IsAllowed(trigger.Acl, connection.Identities, Perms.Read)) continue;
                connection.Connection.Tell(new SendEvent(new WatcherEvent(delivery.Event.Type, KeeperState.SyncConnected, delivery.Event.Path)));
            }
        }
    }

    /// <summary>
    /// Answers the write this txn came from, if its session waits for it here (the head of its queue, same cxid).
    /// False when no request here waits for it: another member's client, expiry, the reaper.
    /// </summary>
    private bool CompleteWrite(TxnHeader header, Txn txn, ApplyResult result)
    {
        if (!_sessions.TryGetValue(header.SessionId, out var session)
            || !session.Pending.TryPeek(out var head)
            || !head.IsWrite || head.Request.Xid != header.Cxid || head.Request.Op == OpCode.Sync
            || (head.Request.Op == OpCode.CloseSession) != txn is CloseSessionTxn)
            return false;
        session.Pending.Dequeue();
        var request = head.Request;
        var (error, body) = WriteReplies.For(request.Op, request.Request, txn, result);
        Reply(request, error, body);
        if (request.Op == OpCode.CloseSession) EndSession(header.SessionId);
        else AnswerQueuedReads(header.SessionId, session);
        return true;
    }

    private void OnReapContainers()
    {
        if (!PreparesWrites) return;
        var budget = Math.Max(1, (int)(_settings.ContainerMaxPerMinute * _settings.ContainerCheckInterval.TotalMinutes));
        foreach (var path in _tree.ReaperCandidates(NowMs).Take(budget))
        {
            // Another txn may already be deleting or filling it; then prep says so and nothing is proposed.
            var zxid = NextZxid;
            var txn = _prep.PrepareDeleteContainer(path, zxid);
            if (txn is not ErrorTxn) Replicate(new TxnHeader(0, 0, zxid, NowMs), txn);
        }
    }

    /// <summary>Every snap-count/2 + random(snap-count/2) txns, as ZooKeeper staggers snapshots across members.</summary>
    private int NextSnapshotThreshold() => _settings.Snapshot.SnapCount / 2 + Random.Shared.Next(Math.Max(1, _settings.Snapshot.SnapCount / 2));

    private void MaybeSnapshot()
    {
        if (++_txnsSinceSnapshot < _snapshotThreshold) return;
        _txnsSinceSnapshot = 0;
        _snapshotThreshold = NextSnapshotThreshold();
        TakeSnapshot();
    }

    /// <summary>
    /// Captures the tree here, the only place it is consistent (a field copy per node), then sorts,
    /// serializes, saves and purges on a background task, so clients wait neither for a tree-sized
    /// serialization nor for the snapshot's fsync. Saves run one after another; a failed save only costs
    /// replay time, because purging happens only after a save succeeded. An ensemble member's Zab log serves the
    /// new snapshot to learners, from the store, once it is saved (<see cref="SnapshotSaved"/>); until then, the previous one.
    /// </summary>
    private void TakeSnapshot()
    {
        var image = _tree.Capture();
        _context.JournalSegments.RollSegment();
        var previous = _snapshotInFlight;
        var self = Self;
        var forZab = _zabLog is not null;
        _snapshotInFlight = Task.Run(async () =>
        {
            await previous;
            var serialized = DataTreeSnapshot.Serialize(image);
            try
            {
                _context.Snapshots.Save(new Snapshot(image.LastZxid, serialized));
                if (forZab) self.Tell(new SnapshotSaved(Zxid.FromLong(image.LastZxid)));
                Retention.Purge(_context.Snapshots, _context.JournalSegments, _log, _settings.Snapshot.RetainCount);
                _log.LogInformation("Snapshot saved at zxid 0x{Zxid:x} ({Nodes} znodes)", image.LastZxid, image.NodeCount);
            }
            catch (Exception error) when (error is IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                _log.LogError(error, "Snapshot at zxid 0x{Zxid:x} could not be saved; the journal still holds everything", image.LastZxid);
            }
        });
    }

    /// <summary>A member stops only after its last snapshot is on disk, so storage is not closed under it.</summary>
    protected override void PostStop() => _snapshotInFlight.GetAwaiter().GetResult();
}
