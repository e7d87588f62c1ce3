using Coordinator.Actors.Persistence;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

public sealed partial class MemberActor
{
    private readonly Queue<ProposedTxn> _proposed = new();
    private long _lastProposedZxid;
    private int _txnsSinceSnapshot;
    private int _snapshotThreshold;
    private Task _snapshotInFlight = Task.CompletedTask;

    /// <summary>Why a txn was proposed, which decides what happens once it is applied.</summary>
    private abstract record TxnOrigin;

    private sealed record FromClient(long SessionId, ClientRequest Request) : TxnOrigin;

    private sealed record FromHandshake(OpenSession Open, byte[] Password) : TxnOrigin;

    private sealed record FromExpiry(long SessionId) : TxnOrigin;

    private sealed record FromReaper : TxnOrigin;

    private sealed record ProposedTxn(TxnHeader Header, Txn Txn, TxnOrigin Origin);

    /// <summary>The journal made every entry up to <paramref name="Zxid"/> durable (or failed).</summary>
    private sealed record TxnDurable(long Zxid, Exception? Error);

    private void Propose(long sessionId, int cxid, Txn txn, TxnOrigin origin) => Propose(sessionId, cxid, _ => txn, origin);

    /// <summary>
    /// Gives the next zxid to <paramref name="prepare"/>, journals the txn it returns and remembers it until
    /// it is durable. Nothing is applied or answered before the journal says so.
    /// </summary>
    private void Propose(long sessionId, int cxid, Func<long, Txn> prepare, TxnOrigin origin)
    {
        var zxid = _lastProposedZxid + 1;
        var txn = prepare(zxid);
        _lastProposedZxid = zxid;
        var header = new TxnHeader(sessionId, cxid, zxid, NowMs);
        _proposed.Enqueue(new ProposedTxn(header, txn, origin));
        var self = Self;
        _context.Journal.Enqueue(
            new JournalEntry(zxid, (int)TxnTypes.OpCodeOf(txn), TxnCodec.Encode(header, txn)),
            result => self.Tell(new TxnDurable(result.Zxid, result.Error)));
    }

    private void OnTxnDurable(TxnDurable durable)
    {
        if (durable.Error is not null)
        {
            // Nothing may be acknowledged that is not on disk: stop serving rather than guess.
            _log.LogCritical(durable.Error, "Journal append failed at zxid 0x{Zxid:x}; the member stops", durable.Zxid);
            Context.Stop(Self);
            return;
        }
        while (_proposed.TryPeek(out var next) && next.Header.Zxid <= durable.Zxid)
        {
            _proposed.Dequeue();
            Apply(next);
        }
    }

    private void Apply(ProposedTxn proposed)
    {
        var result = _tree.Apply(proposed.Header, proposed.Txn);
        _prep.Outstanding.Committed(proposed.Header.Zxid);
        Notify(result.Triggers);
        switch (proposed.Origin)
        {
            case FromClient client:
                CompleteWrite(client, proposed.Txn, result);
                break;
            case FromHandshake handshake:
                SessionCreated(handshake, proposed.Header.SessionId);
                break;
            case FromExpiry expiry:
                EndSession(expiry.SessionId);
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

    private void CompleteWrite(FromClient client, Txn txn, ApplyResult result)
    {
        var request = client.Request;
        var (error, body) = Prep.WriteReplies.For(request.Op, request.Request, txn, result);
        if (!_sessions.TryGetValue(client.SessionId, out var session))
        {
            Reply(request, error, body);
            return;
        }
        session.Pending.Dequeue();
        Reply(request, error, body);
        if (request.Op == OpCode.CloseSession)
        {
            EndSession(client.SessionId);
            return;
        }
        AnswerQueuedReads(client.SessionId, session);
    }

    private void OnReapContainers()
    {
        var budget = Math.Max(1, (int)(_settings.ContainerMaxPerMinute * _settings.ContainerCheckInterval.TotalMinutes));
        foreach (var path in _tree.ReaperCandidates(NowMs).Take(budget))
        {
            // Another txn may already be deleting or filling it; then prep says so and nothing is proposed.
            var txn = _prep.PrepareDeleteContainer(path, _lastProposedZxid + 1);
            if (txn is not ErrorTxn) Propose(0, 0, txn, new FromReaper());
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
    /// Serializes the tree here, the only place it is consistent, then saves and purges on a background
    /// task so clients do not wait for the snapshot's fsync. Saves run one after another; a failed save
    /// only costs replay time, because purging happens only after a save succeeded.
    /// </summary>
    private void TakeSnapshot()
    {
        var snapshot = new Snapshot(_tree.LastZxid, DataTreeSnapshot.Write(_tree));
        var nodes = _tree.NodeCount;
        _context.JournalSegments.RollSegment();
        var previous = _snapshotInFlight;
        _snapshotInFlight = Task.Run(async () =>
        {
            await previous;
            try
            {
                _context.Snapshots.Save(snapshot);
                Retention.Purge(_context.Snapshots, _context.JournalSegments, _log, _settings.Snapshot.RetainCount);
                _log.LogInformation("Snapshot saved at zxid 0x{Zxid:x} ({Nodes} znodes)", snapshot.LastZxid, nodes);
            }
            catch (Exception error) when (error is IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                _log.LogError(error, "Snapshot at zxid 0x{Zxid:x} could not be saved; the journal still holds everything", snapshot.LastZxid);
            }
        });
    }

    /// <summary>A member stops only after its last snapshot is on disk, so storage is not closed under it.</summary>
    protected override void PostStop() => _snapshotInFlight.GetAwaiter().GetResult();
}
