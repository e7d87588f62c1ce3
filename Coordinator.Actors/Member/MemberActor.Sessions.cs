using System.Security.Cryptography;
using Coordinator.Actors.Sessions;
using Coordinator.Actors.Txns;
using Coordinator.Protocol.Records;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

public sealed partial class MemberActor
{
    private readonly Dictionary<long, SessionEntry> _sessions = [];
    private readonly Dictionary<long, ConnectionEntry> _connections = [];
    private long _nextSessionId;

    /// <summary>A live session: its actor, credentials, and the requests answered in its order.</summary>
    private sealed class SessionEntry(IActorRef actor, byte[] password, int timeoutMs)
    {
        public IActorRef Actor { get; } = actor;
        public byte[] Password { get; } = password;
        public int TimeoutMs { get; set; } = timeoutMs;
        public bool Closing { get; set; }
        public Queue<QueuedRequest> Pending { get; } = new();
    }

    /// <summary>
    /// A request of a session waiting for its turn: a write until its txn is applied, or a read behind
    /// an earlier write of the same session.
    /// </summary>
    private sealed record QueuedRequest(ClientRequest Request, bool IsWrite);

    /// <summary>What the member knows of a connection: where to send its events, who it is, its counters.</summary>
    private sealed class ConnectionEntry(IActorRef connection, long sessionId, string remoteAddress, long establishedMs)
    {
        public IActorRef Connection { get; } = connection;
        public long SessionId { get; } = sessionId;
        public string RemoteAddress { get; } = remoteAddress;
        public long EstablishedMs { get; } = establishedMs;
        public IReadOnlyList<Coordinator.Protocol.Id> Identities { get; set; } = [];
        public ConnectionCounters Counters { get; } = new();
    }

    private void OnOpenSession(OpenSession open)
    {
        var request = open.Request;
        if (request.LastZxidSeen > _tree.LastZxid)
        {
            // The client has seen newer state than this member has: it must try another member.
            open.Connection.Tell(new RefuseConnection(
                $"client has seen zxid 0x{request.LastZxidSeen:x}, this member is at 0x{_tree.LastZxid:x}"));
            return;
        }
        if (request.SessionId == 0)
        {
            var sessionId = NextSessionId();
            var password = RandomNumberGenerator.GetBytes(ConnectResponse.PasswordLength);
            Propose(sessionId, 0, new CreateSessionTxn(open.NegotiatedTimeoutMs, password), new FromHandshake(open, password));
            return;
        }
        if (_sessions.TryGetValue(request.SessionId, out var session) && !session.Closing)
        {
            if (request.Passwd is { } offered && CryptographicOperations.FixedTimeEquals(offered, session.Password))
            {
                session.TimeoutMs = open.NegotiatedTimeoutMs;
                AttachConnection(open, request.SessionId, session);
                return;
            }
            session.Actor.Tell(new SessionActor.DropConnection($"a handshake for session 0x{request.SessionId:x} had the wrong password"));
        }
        open.Connection.Tell(new SessionRejected(_sessions.ContainsKey(request.SessionId)
            ? $"wrong password or closing session 0x{request.SessionId:x}"
            : $"session 0x{request.SessionId:x} has expired or never existed"));
    }

    private void SessionCreated(FromHandshake origin, long sessionId)
    {
        var open = origin.Open;
        var actor = Context.ActorOf(SessionActor.Props(sessionId, open.NegotiatedTimeoutMs, Self), $"session-{sessionId:x16}");
        var session = new SessionEntry(actor, origin.Password, open.NegotiatedTimeoutMs);
        _sessions.Add(sessionId, session);
        AttachConnection(open, sessionId, session);
        _log.LogInformation("Session 0x{Session:x} established, timeout {Timeout} ms", sessionId, open.NegotiatedTimeoutMs);
    }

    private void AttachConnection(OpenSession open, long sessionId, SessionEntry session)
    {
        _connections[open.ConnectionId] = new ConnectionEntry(open.Connection, sessionId, open.RemoteAddress, NowMs);
        session.Actor.Tell(new SessionActor.Attach(open.Connection, session.TimeoutMs));
        open.Connection.Tell(new SessionOpened(sessionId, session.Password, session.TimeoutMs, session.Actor));
    }

    private void OnExpireSession(ExpireSession expire)
    {
        if (!_sessions.TryGetValue(expire.SessionId, out var session) || session.Closing) return;
        _log.LogInformation("Expiring session 0x{Session:x}: no packet within {Timeout} ms", expire.SessionId, session.TimeoutMs);
        session.Closing = true;
        Propose(expire.SessionId, 0, zxid => _prep.PrepareCloseSession(expire.SessionId, zxid), new FromExpiry(expire.SessionId));
    }

    /// <summary>The close txn is applied: the session and its actor go; its connection is closed by the actor.</summary>
    private void EndSession(long sessionId)
    {
        if (!_sessions.Remove(sessionId, out var session)) return;
        foreach (var queued in session.Pending.Where(q => !q.IsWrite))
            Reply(queued.Request, Protocol.ErrorCode.SessionExpired, null);
        Context.Stop(session.Actor);
    }

    private void OnConnectionClosed(ConnectionClosed closed)
    {
        if (_connections.Remove(closed.ConnectionId)) _watches.RemoveWatcher(closed.ConnectionId);
    }

    /// <summary>Sessions in the recovered tree live on: each gets a fresh timer, as after a ZooKeeper restart.</summary>
    private void RestoreSessions()
    {
        foreach (var (sessionId, record) in _tree.Sessions)
        {
            var actor = Context.ActorOf(SessionActor.Props(sessionId, record.TimeoutMs, Self), $"session-{sessionId:x16}");
            _sessions.Add(sessionId, new SessionEntry(actor, record.Password, record.TimeoutMs));
        }
    }

    /// <summary>ZooKeeper's layout: server id in the top byte, then milliseconds since the epoch, then a counter.</summary>
    private static long InitialSessionId(int serverId, long nowMs) =>
        (long)((ulong)(nowMs << 24) >> 8) | ((long)serverId << 56);

    private long NextSessionId()
    {
        while (_sessions.ContainsKey(_nextSessionId) || _tree.Sessions.ContainsKey(_nextSessionId)) _nextSessionId++;
        return _nextSessionId++;
    }
}
