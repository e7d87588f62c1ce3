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

    /// <summary>New sessions whose createSession txn is not applied yet, by session id.</summary>
    private readonly Dictionary<long, OpenSession> _handshakes = [];
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
        if (!IsServing)
        {
            open.Connection.Tell(new RefuseConnection($"member {_settings.Id} is not serving (no quorum, or electing a leader)"));
            return;
        }
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
            _handshakes.Add(sessionId, open);
            Submit(new StartSession(sessionId, open.NegotiatedTimeoutMs, RandomNumberGenerator.GetBytes(ConnectResponse.PasswordLength)));
            return;
        }
        if (_sessions.TryGetValue(request.SessionId, out var session) && !session.Closing)
        {
            if (request.Passwd is { } offered && CryptographicOperations.FixedTimeEquals(offered, session.Password))
            {
                session.TimeoutMs = open.NegotiatedTimeoutMs;
                AttachConnection(open, request.SessionId, session);
                SessionHeardFrom(request.SessionId);
                return;
            }
            session.Actor.Tell(new SessionActor.DropConnection($"a handshake for session 0x{request.SessionId:x} had the wrong password"));
        }
        open.Connection.Tell(new SessionRejected(_sessions.ContainsKey(request.SessionId)
            ? $"wrong password or closing session 0x{request.SessionId:x}"
            : $"session 0x{request.SessionId:x} has expired or never existed"));
    }

    /// <summary>
    /// A createSession txn is applied: every member now knows the session; the one whose client asked for it
    /// answers the handshake.
    /// </summary>
    private void SessionStarted(long sessionId, CreateSessionTxn created)
    {
        var session = _sessions.GetValueOrDefault(sessionId) ?? AddSession(sessionId, created.Password, created.TimeoutMs);
        if (!_handshakes.Remove(sessionId, out var open)) return;
        AttachConnection(open, sessionId, session);
        _log.LogInformation("Session 0x{Session:x} established, timeout {Timeout} ms", sessionId, open.NegotiatedTimeoutMs);
    }

    private SessionEntry AddSession(long sessionId, byte[] password, int timeoutMs)
    {
        var actor = Context.ActorOf(SessionActor.Props(sessionId, timeoutMs, Self), $"session-{sessionId:x16}");
        var session = new SessionEntry(actor, password, timeoutMs);
        _sessions.Add(sessionId, session);
        return session;
    }

    private void AttachConnection(OpenSession open, long sessionId, SessionEntry session)
    {
        _connections[open.ConnectionId] = new ConnectionEntry(open.Connection, sessionId, open.RemoteAddress, NowMs);
        session.Actor.Tell(new SessionActor.Attach(open.Connection, session.TimeoutMs));
        open.Connection.Tell(new SessionOpened(sessionId, session.Password, session.TimeoutMs, session.Actor));
    }

    private void OnExpireSession(ExpireSession expire)
    {
        // In an ensemble only the serving leader expires sessions: a learner does not see all of a session's traffic.
        if (!PreparesWrites || !_sessions.TryGetValue(expire.SessionId, out var session) || session.Closing) return;
        _log.LogInformation("Expiring session 0x{Session:x}: no packet within {Timeout} ms", expire.SessionId, session.TimeoutMs);
        Submit(new CloseSession(expire.SessionId, 0));
    }

    /// <summary>The close txn is applied: the session and its actor go; its connection is closed by the actor.</summary>
    private void EndSession(long sessionId)
    {
        if (!_sessions.Remove(sessionId, out var session)) return;
        foreach (var queued in session.Pending)
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
            if (!_sessions.ContainsKey(sessionId)) AddSession(sessionId, record.Password, record.TimeoutMs);
    }

    /// <summary>ZooKeeper's layout: server id in the top byte, then milliseconds since the epoch, then a counter.</summary>
    private static long InitialSessionId(int serverId, long nowMs) =>
        (long)((ulong)(nowMs << 24) >> 8) | ((long)serverId << 56);

    private long NextSessionId()
    {
        while (_sessions.ContainsKey(_nextSessionId) || _handshakes.ContainsKey(_nextSessionId) || _tree.Sessions.ContainsKey(_nextSessionId))
            _nextSessionId++;
        return _nextSessionId++;
    }
}
