using Coordinator.Runtime.Actors;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Sessions;

/// <summary>
/// One live session, whatever connection it is on. Every packet renews it; when no packet arrives
/// within the negotiated timeout it asks the member to expire it. It forwards its connection's
/// requests to the member in arrival order, refuses packets from a connection it has moved away
/// from, and closes its connection when it stops (the member stops it once the close txn is applied).
/// </summary>
public sealed class SessionActor : ActorBase
{
    private const string ExpiryTimer = "expiry";

    private readonly long _sessionId;
    private readonly IActorRef _member;
    private TimeSpan _timeout;
    private TimeSpan _lastHeard;
    private IActorRef? _connection;
    private bool _expiryRequested;

    /// <summary>The session is now on <paramref name="Connection"/>; an earlier connection is closed.</summary>
    public sealed record Attach(IActorRef Connection, int TimeoutMs);

    /// <summary>The connection's socket is gone; the session waits for a resume or its timeout.</summary>
    public sealed record Detach(IActorRef Connection);

    /// <summary>
    /// A handshake named this session with the wrong password: close its current connection anyway, as
    /// ZooKeeper does before it checks the password (the client resumes; the session is untouched).
    /// </summary>
    public sealed record DropConnection(string Reason);

    /// <summary>
    /// The session is alive elsewhere (its client talks to another member) or the member just became the leader
    /// that tracks it: the timeout starts over, and a member that passed on an earlier expiry may expire it later.
    /// </summary>
    public sealed record Renew
    {
        public static readonly Renew Instance = new();
    }

    private sealed record CheckExpiry
    {
        public static readonly CheckExpiry Instance = new();
    }

    public SessionActor(long sessionId, int timeoutMs, IActorRef member)
    {
        _sessionId = sessionId;
        _member = member;
        _timeout = TimeSpan.FromMilliseconds(timeoutMs);

        Receive<ClientRequest>(OnRequest);
        Receive<Attach>(OnAttach);
        Receive<Detach>(d =>
        {
            if (Equals(d.Connection, _connection)) _connection = null;
        });
        Receive<DropConnection>(drop =>
        {
            _connection?.Tell(new CloseConnection(drop.Reason));
            _connection = null;
        });
        Receive<CheckExpiry>(_ => OnCheckExpiry());
        Receive<Renew>(_ =>
        {
            _expiryRequested = false;
            Touch();
        });
    }

    public static Props Props(long sessionId, int timeoutMs, IActorRef member) =>
        Runtime.Actors.Props.Create(() => new SessionActor(sessionId, timeoutMs, member));

    protected override void PreStart() => Touch();

    protected override void PostStop() => _connection?.Tell(new CloseConnection($"session 0x{_sessionId:x} closed"));

    private void OnRequest(ClientRequest request)
    {
        if (!Equals(request.Connection, _connection))
        {
            // The session has moved to another connection (ZooKeeper's SessionMoved): drop the old one.
            request.Connection.Tell(new CloseConnection($"session 0x{_sessionId:x} has moved to another connection"));
            return;
        }
        Touch();
        _member.Tell(new SessionRequest(_sessionId, request));
    }

    private void OnAttach(Attach attach)
    {
        if (_connection is not null && !Equals(_connection, attach.Connection))
            _connection.Tell(new CloseConnection($"session 0x{_sessionId:x} resumed on another connection"));
        _connection = attach.Connection;
        _timeout = TimeSpan.FromMilliseconds(attach.TimeoutMs);
        Touch();
    }

    /// <summary>
    /// Renewal only records the time; one timer re-checks at the deadline, so a busy session does not
    /// restart a timer per packet.
    /// </summary>
    private void Touch()
    {
        _lastHeard = Context.System.Clock.Elapsed;
        if (!Timers.IsTimerActive(ExpiryTimer)) Timers.StartSingleTimer(ExpiryTimer, CheckExpiry.Instance, _timeout);
    }

    private void OnCheckExpiry()
    {
        var quiet = Context.System.Clock.Elapsed - _lastHeard;
        if (quiet < _timeout)
        {
            Timers.StartSingleTimer(ExpiryTimer, CheckExpiry.Instance, _timeout - quiet);
            return;
        }
        if (_expiryRequested) return;
        _expiryRequested = true;
        _member.Tell(new ExpireSession(_sessionId));
    }
}
