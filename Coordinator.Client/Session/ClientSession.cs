using System.Net;
using Coordinator.Client.Api;
using Coordinator.Client.Connection;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace Coordinator.Client.Session;

/// <summary>
/// One ZooKeeper session over a succession of connections. Requests get xids in submit order and wait
/// in one FIFO for their replies; a reply must answer the oldest request, or the connection is broken.
/// When a connection drops, every request sent on it fails with connection loss and the reconnect loop
/// tries the next member with the session id, password and last zxid seen, then re-sends auth and the
/// watches. Requests made while disconnected wait and are sent once a connection is up.
/// </summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private static readonly TimeSpan CloseReplyWait = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly ServerList _servers;
    private readonly TimeSpan _requestedTimeout;
    private readonly CoordinatorClientOptions _options;
    private readonly Chroot _chroot;
    private readonly EventDispatcher _dispatcher;
    private readonly Queue<PendingRequest> _inFlight = new();
    private readonly Queue<PendingRequest> _waiting = new();
    private readonly List<AuthPacket> _auth = [];
    private readonly Queue<TaskCompletionSource?> _authWaiters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServerConnection? _connection;
    private ConnectionState _state = ConnectionState.Connecting;
    private int _lastXid;
    private long _lastZxid;
    private Task? _run;

    public ClientSession(ConnectionString connection, TimeSpan sessionTimeout, CoordinatorClientOptions options)
    {
        _servers = new ServerList(connection.Servers, options.Random);
        _requestedTimeout = sessionTimeout;
        _options = options;
        _chroot = new Chroot(connection.Chroot);
        _dispatcher = new EventDispatcher(e => options.Logger.LogWarning(e, "A client callback threw"));
        if (options.ResumeSession is { } resumed)
        {
            SessionId = resumed.SessionId;
            Password = resumed.Password;
        }
    }

    /// <summary>Raised on the dispatch loop, in order with watch events and replies.</summary>
    public event Action<ConnectionState>? StateChanged;

    public WatchRegistry Watches { get; } = new();

    public Chroot Chroot => _chroot;

    public long SessionId { get; private set; }

    public byte[] Password { get; private set; } = new byte[ConnectResponse.PasswordLength];

    public TimeSpan NegotiatedTimeout { get; private set; }

    /// <summary>The highest zxid seen in any reply; sent on reconnect so no member with older state accepts us.</summary>
    public long LastZxid => Interlocked.Read(ref _lastZxid);

    public ConnectionState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>The member the session is connected to now, or null while disconnected.</summary>
    public DnsEndPoint? CurrentServer
    {
        get { lock (_gate) return _state.IsConnected() ? _connection?.Server : null; }
    }

    /// <summary>Starts the reconnect loop and waits for the first connection.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(RunAsync);
        await _firstConnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request (now, or once connected) and returns its reply.</summary>
    public Task<Reply> SubmitAsync(OpCode type, ZkRequest? body, string? clientPath, WatchRegistration? watch = null)
    {
        var pending = new PendingRequest(type, clientPath, watch) { Frame = RequestFrames.Build(0, type, body) };
        lock (_gate)
        {
            if (FinalError(clientPath) is { } error)
                return Task.FromException<Reply>(error);
            pending.Xid = _lastXid = _lastXid == int.MaxValue ? 1 : _lastXid + 1;
            RequestFrames.SetXid(pending.Frame, pending.Xid);
            if (_state.IsConnected() && _connection is { } connection)
                Send(connection, pending);
            else
                _waiting.Enqueue(pending);
        }

        return pending.Completion.Task;
    }

    /// <summary>Adds credentials to the session; they are re-sent on every reconnect.</summary>
    public Task AddAuthAsync(AuthPacket packet)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (FinalError(null) is { } error)
                return Task.FromException(error);
            _auth.Add(packet);
            if (_state.IsConnected() && _connection is { } connection)
            {
                _authWaiters.Enqueue(done);
                connection.TrySend(RequestFrames.Build(Xids.Auth, OpCode.Auth, packet));
            }
            else
            {
                done.TrySetResult(); // sent with the others when the next connection is made
            }
        }

        return done.Task;
    }

    /// <summary>Closes the session on the server (best effort) and stops everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (State.IsConnected())
        {
            var close = SubmitAsync(OpCode.CloseSession, CloseSessionRequest.Instance, null);
            await Task.WhenAny(close, Task.Delay(CloseReplyWait)).ConfigureAwait(false);
        }

        Finish(ConnectionState.Closed);
        if (_run is not null)
            await _run.ConfigureAwait(false);
        await _dispatcher.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var (server, wrapped) = _servers.Next();
            ServerConnection? connection = null;
            try
            {
                var request = new ConnectRequest(0, LastZxid, (int)_requestedTimeout.TotalMilliseconds, SessionId, Password, _options.CanBeReadOnly);
                (connection, var response) = await ServerConnection.OpenAsync(
                    server, request, ConnectTimeout(), _options.MaxFrameSize, _stopping.Token).ConfigureAwait(false);
                if (response.TimeOut <= 0)
                {
                    Finish(ConnectionState.Expired);
                    return;
                }

                Attach(connection, response);
                await connection.RunAsync(frame => OnFrame(connection, frame), NegotiatedTimeout).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _options.Logger.LogInformation(e, "Connection to {Server} ended", server);
            }
            finally
            {
                if (connection is not null)
                {
                    Detach(connection);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            // Refused everywhere (all members down or restarting): wait a little before the next round.
            if (wrapped && !_stopping.IsCancellationRequested)
                await Task.Delay(_options.Random.Next(100, 1000), _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private TimeSpan ConnectTimeout() =>
        TimeSpan.FromMilliseconds(Math.Max(1000, _requestedTimeout.TotalMilliseconds / _servers.Count));

    private void Attach(ServerConnection connection, ConnectResponse response)
    {
        lock (_gate)
        {
            if (_state.IsFinal())
            {
                connection.Close();
                return;
            }

            var resumed = SessionId != 0;
            SessionId = response.SessionId;
            Password = response.Passwd ?? new byte[ConnectResponse.PasswordLength];
            NegotiatedTimeout = TimeSpan.FromMilliseconds(response.TimeOut);
            _connection = connection;
            foreach (var packet in _auth)
            {
                _authWaiters.Enqueue(null);
                connection.TrySend(RequestFrames.Build(Xids.Auth, OpCode.Auth, packet));
            }

            if (resumed)
            {
                foreach (var (type, request) in WatchReRegistration.Requests(Watches.Snapshot(), LastZxid))
                    connection.TrySend(RequestFrames.Build(Xids.SetWatches, type, request));
            }

            while (_waiting.TryDequeue(out var pending))
                Send(connection, pending);
            ChangeState(response.ReadOnly == true ? ConnectionState.ConnectedReadOnly : ConnectionState.Connected);
        }

        _options.Logger.LogInformation("Session 0x{Session:x} connected to {Server}", SessionId, connection.Server);
        // After the Connected notification on the dispatch loop, so a listener added once StartAsync
        // returns never sees that first Connected.
        _dispatcher.Post(() => _firstConnected.TrySetResult());
    }

    private void Detach(ServerConnection connection)
    {
        Outstanding lost;
        lock (_gate)
        {
            if (_connection != connection)
                return;
            _connection = null;
            lost = TakeOutstanding(includeWaiting: false);
            if (_state.IsConnected())
                ChangeState(ConnectionState.Disconnected);
        }

        FailLater(lost, path => new ConnectionLossException(path));
    }

    /// <summary>Enters a final state: everything outstanding fails, watches are dropped, loops stop.</summary>
    private void Finish(ConnectionState final)
    {
        Outstanding abandoned;
        lock (_gate)
        {
            if (_state.IsFinal())
                return;
            abandoned = TakeOutstanding(includeWaiting: true);
            _connection?.Close();
            ChangeState(final);
        }

        Watches.Clear();
        _stopping.Cancel();
        _firstConnected.TrySetException(FinalError(final, null)!);
        FailLater(abandoned, path => FinalError(final, path)!);
    }

    // Under _gate. Requests waiting for a connection survive a connection loss, not a final state.
    private Outstanding TakeOutstanding(bool includeWaiting)
    {
        var requests = _inFlight.ToList();
        _inFlight.Clear();
        if (includeWaiting)
        {
            requests.AddRange(_waiting);
            _waiting.Clear();
        }

        var authWaiters = _authWaiters.ToList();
        _authWaiters.Clear();
        return new Outstanding(requests, authWaiters);
    }

    // Through the dispatch loop, so failures complete after every reply and event that came before them.
    private void FailLater(Outstanding outstanding, Func<string?, Exception> error) => _dispatcher.Post(() =>
    {
        foreach (var pending in outstanding.Requests)
            pending.Completion.TrySetException(error(pending.ClientPath));
        foreach (var waiter in outstanding.AuthWaiters)
            waiter?.TrySetException(error(null));
    });

    private void OnFrame(ServerConnection connection, Frame frame)
    {
        var header = RequestFrames.ReadBody<ReplyHeader>(frame.Span[..ReplyHeader.WireSize]);
        var body = frame.Span[ReplyHeader.WireSize..];
        switch (header.Xid)
        {
            case Xids.Notification:
                Deliver(RequestFrames.ReadBody<WatcherEvent>(body));
                break;
            case Xids.Ping or Xids.SetWatches:
                break;
            case Xids.Auth:
                OnAuthReply(connection, header.Err);
                break;
            default:
                OnReply(connection, header, body);
                break;
        }
    }

    private void Deliver(WatcherEvent change)
    {
        var callbacks = Watches.Materialize(change.Type, change.Path);
        if (callbacks.Count == 0)
            return;
        var seen = new WatchedEvent(change.Type, change.State, _chroot.ToClient(change.Path));
        _dispatcher.Post(() =>
        {
            foreach (var callback in callbacks)
                callback(seen);
        });
    }

    private void OnAuthReply(ServerConnection connection, ErrorCode err)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            if (_connection != connection)
                return;
            _authWaiters.TryDequeue(out waiter);
        }

        if (err == ErrorCode.AuthFailed)
            Finish(ConnectionState.AuthFailed);
        _dispatcher.Post(() =>
        {
            if (err == ErrorCode.Ok)
                waiter?.TrySetResult();
            else
                waiter?.TrySetException(KeeperException.Create(err));
        });
    }

    private void OnReply(ServerConnection connection, ReplyHeader header, ReadOnlySpan<byte> body)
    {
        PendingRequest? pending;
        lock (_gate)
        {
            if (_connection != connection)
                return;
            // Thrown on the read loop: the connection ends, every request on it (this one included)
            // fails with connection loss, and the session moves to the next member.
            if (!_inFlight.TryPeek(out pending) || pending.Xid != header.Xid)
                throw new InvalidDataException($"Reply xid {header.Xid} does not answer the oldest request (xid {pending?.Xid}).");
            _inFlight.Dequeue();
        }

        if (header.Zxid > 0)
            Interlocked.Exchange(ref _lastZxid, Math.Max(LastZxid, header.Zxid));
        var reply = Decode(pending, header.Err, body);
        if (pending.Watch is { } watch && watch.KindFor(reply.Err) is { } kind)
            Watches.Add(kind, watch.ServerPath, watch.Callback);
        _dispatcher.Post(() => pending.Completion.TrySetResult(reply));
    }

    // A failed multi still carries the per-op results; other errors have no body.
    private static Reply Decode(PendingRequest pending, ErrorCode err, ReadOnlySpan<byte> body)
    {
        var hasBody = err == ErrorCode.Ok || (pending.Type is OpCode.Multi or OpCode.MultiRead && !body.IsEmpty);
        if (!hasBody)
            return new Reply(err, null);
        try
        {
            return new Reply(err, ResponseDecoder.Decode(pending.Type, body));
        }
        catch (Protocol.Jute.JuteException)
        {
            return new Reply(ErrorCode.MarshallingError, null);
        }
    }

    private void Send(ServerConnection connection, PendingRequest pending)
    {
        _inFlight.Enqueue(pending);
        connection.TrySend(pending.Frame);
    }

    private void ChangeState(ConnectionState state)
    {
        if (_state == state)
            return;
        _state = state;
        _dispatcher.Post(() => StateChanged?.Invoke(state));
    }

    private Exception? FinalError(string? path) => FinalError(_state, path);

    private sealed record Outstanding(List<PendingRequest> Requests, List<TaskCompletionSource?> AuthWaiters);

    private static Exception? FinalError(ConnectionState state, string? path) => state switch
    {
        ConnectionState.Expired => new SessionExpiredException(path, "The session has expired; create a new client."),
        ConnectionState.AuthFailed => new AuthFailedException(path, "Authentication failed; create a new client."),
        ConnectionState.Closed => new ObjectDisposedException(nameof(CoordinatorClient), "The client has been closed."),
        _ => null,
    };
}
