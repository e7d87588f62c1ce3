using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Server.Support;

/// <summary>How <see cref="WireClient.ConnectAsync"/> shakes hands.</summary>
/// <param name="SessionId">0 asks for a new session; otherwise the session to resume with <paramref name="Password"/>.</param>
/// <param name="SendReadOnlyByte">False leaves out the optional trailing byte, as node-zookeeper-client does.</param>
public sealed record WireConnectOptions(
    int TimeoutMs = 30_000,
    long SessionId = 0,
    byte[]? Password = null,
    bool SendReadOnlyByte = true,
    long LastZxidSeen = 0);

/// <summary>One reply frame: its header, the raw body, and its place among everything this connection received.</summary>
public sealed record WireReply(ReplyHeader Header, OpCode Op, byte[] Body, int ArrivalIndex)
{
    public ErrorCode Err => Header.Err;

    /// <summary>The body decoded as the reply to <see cref="Op"/>; fails unless the reply is Ok (or a multi).</summary>
    public T Decode<T>()
        where T : ZkResponse =>
        ResponseDecoder.Decode(Op, Body) as T
        ?? throw new InvalidOperationException($"{Op} reply (err {Err}) has no {typeof(T).Name} body");
}

/// <summary>A watch notification (xid -1) and its place among everything this connection received.</summary>
public sealed record WireEvent(WatcherEvent Event, int ArrivalIndex)
{
    public EventType Type => Event.Type;

    public string Path => Event.Path;
}

/// <summary>
/// A raw ZooKeeper wire client for server tests: a real TCP socket, the protocol's own records and
/// framing, nothing clever. Requests may be pipelined; replies are matched by xid, and every reply and
/// watch event gets an arrival index so tests can assert their order. Every wait has a deadline.
/// </summary>
public sealed class WireClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<int, (OpCode Op, TaskCompletionSource<WireReply> Reply)> _pending = [];
    private readonly List<WireEvent> _events = [];
    private readonly TaskCompletionSource<ConnectResponse> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _eventArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrivals;
    private int _nextXid;
    private bool _expectHandshake;

    private WireClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>The server's ConnectResponse (after <see cref="ConnectAsync"/>).</summary>
    public ConnectResponse Session => _handshake.Task.IsCompletedSuccessfully
        ? _handshake.Task.Result
        : throw new InvalidOperationException("No handshake has completed on this connection.");

    public long SessionId => Session.SessionId;

    /// <summary>True once a handshake has given this connection a session.</summary>
    public bool HasSession => _handshake.Task.IsCompletedSuccessfully && _handshake.Task.Result.SessionId != 0;

    /// <summary>Completes with a reason once the server has closed (or reset) the connection.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>Opens a socket and completes the handshake; fails if the server refuses or closes instead.</summary>
    public static async Task<WireClient> ConnectAsync(IPEndPoint endpoint, WireConnectOptions? options = null)
    {
        var client = await OpenAsync(endpoint);
        try
        {
            var response = await client.HandshakeAsync(options ?? new WireConnectOptions());
            if (response.SessionId == 0)
                throw new InvalidOperationException($"The server rejected the session: {response}");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a socket and starts reading, without sending anything: for raw-bytes tests.</summary>
    public static async Task<WireClient> OpenAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var deadline = new CancellationTokenSource(DefaultTimeout))
            await socket.ConnectAsync(endpoint, deadline.Token);
        var client = new WireClient(socket);
        _ = Task.Run(client.ReadLoop);
        return client;
    }

    /// <summary>Sends a ConnectRequest and returns the server's answer, which may be the invalid-session one.</summary>
    public async Task<ConnectResponse> HandshakeAsync(WireConnectOptions options)
    {
        lock (_gate) _expectHandshake = true;
        var password = options.Password ?? new byte[ConnectResponse.PasswordLength];
        var request = new ConnectRequest(0, options.LastZxidSeen, options.TimeoutMs, options.SessionId, password,
            options.SendReadOnlyByte ? false : null);
        await SendFrameAsync(buffer => FrameWriter.Write(buffer, request));
        return await WithDeadline(_handshake.Task, "the ConnectResponse");
    }

    /// <summary>Sends a request and waits for its reply.</summary>
    public async Task<WireReply> CallAsync(OpCode op, ZkRequest? body) => await ReplyTo(await SendAsync(op, body));

    /// <summary>Sends a request under the next xid without waiting; pass the result to <see cref="ReplyTo"/>.</summary>
    public Task<PendingCall> SendAsync(OpCode op, ZkRequest? body) =>
        SendAsync(Interlocked.Increment(ref _nextXid), op, body);

    /// <summary>Sends a request under a fixed xid (ping -2, auth -4, setWatches -8).</summary>
    public async Task<PendingCall> SendAsync(int xid, OpCode op, ZkRequest? body)
    {
        var reply = new TaskCompletionSource<WireReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_closed.Task.IsCompleted)
                reply.SetException(new IOException($"Connection already closed: {_closed.Task.Result}"));
            else
                _pending[xid] = (op, reply);
        }
        await SendFrameAsync(buffer => FrameWriter.Write(buffer, new RequestHeader(xid, op), body));
        return new PendingCall(xid, op, reply.Task);
    }

    /// <summary>Waits for the reply of a request sent with <see cref="SendAsync(OpCode, ZkRequest?)"/>.</summary>
    public Task<WireReply> ReplyTo(PendingCall call) => WithDeadline(call.Reply, $"the reply to {call.Op} xid {call.Xid}");

    /// <summary>Writes bytes as they are, for malformed-input tests.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var deadline = new CancellationTokenSource(DefaultTimeout);
            await _socket.SendAsync(bytes, SocketFlags.None, deadline.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits for the first event matching <paramref name="match"/> (already received or still to come).</summary>
    public async Task<WireEvent> NextEventAsync(Func<WireEvent, bool>? match = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var seen = 0;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (; seen < _events.Count; seen++)
                {
                    if (match is null || match(_events[seen]))
                        return _events[seen];
                }
                arrived = _eventArrived.Task;
            }
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching watch event within {timeout ?? DefaultTimeout}; received: {string.Join(", ", Events)}");
            }
        }
    }

    /// <summary>The first event of <paramref name="type"/> on <paramref name="path"/>.</summary>
    public Task<WireEvent> EventAsync(EventType type, string path, TimeSpan? timeout = null) =>
        NextEventAsync(e => e.Type == type && e.Path == path, timeout);

    /// <summary>Every watch event received so far, in arrival order.</summary>
    public IReadOnlyList<WireEvent> Events
    {
        get { lock (_gate) return _events.ToArray(); }
    }

    /// <summary>Waits until the server closes the connection; fails if it stays open past the deadline.</summary>
    public Task<string> WaitForCloseAsync(TimeSpan? timeout = null) => WithDeadline(_closed.Task, "the server to close the connection", timeout);

    /// <summary>Drops the socket without closeSession (a client crash): the session lives on until it times out.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Half-closes the socket: the server sees end of stream but can still answer.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Ends the session cleanly with closeSession, then closes the socket.</summary>
    public async Task CloseSessionAsync()
    {
        await CallAsync(OpCode.CloseSession, null);
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _stream.DisposeAsync();
    }

    private async Task SendFrameAsync(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        await SendRawAsync(buffer.WrittenMemory);
    }

    private async Task ReadLoop()
    {
        // A generous frame limit: the client must be able to read whatever the server sends.
        var frames = new FrameReader(PipeReader.Create(_stream), 64 * 1024 * 1024);
        string reason;
        try
        {
            while (await frames.ReadFrameAsync() is { } frame)
            {
                using (frame)
                    OnFrame(frame.Span);
            }
            reason = "server closed the connection";
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or FrameException or JuteException)
        {
            reason = $"{error.GetType().Name}: {error.Message}";
        }
        lock (_gate)
        {
            _closed.TrySetResult(reason);
            _handshake.TrySetException(new IOException($"Closed before the ConnectResponse: {reason}"));
            foreach (var (op, reply) in _pending.Values)
                reply.TrySetException(new IOException($"Closed before the reply to {op}: {reason}"));
            _pending.Clear();
            _eventArrived.TrySetResult();
        }
    }

    private void OnFrame(ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            var index = _arrivals++;
            if (_expectHandshake)
            {
                _expectHandshake = false;
                _handshake.TrySetResult(JuteCodec.Decode<ConnectResponse>(frame));
                return;
            }
            var reader = new JuteReader(frame);
            var header = ReplyHeader.Read(ref reader);
            var body = frame[ReplyHeader.WireSize..];
            if (header.Xid == Xids.Notification)
            {
                _events.Add(new WireEvent(JuteCodec.Decode<WatcherEvent>(body), index));
                var arrived = _eventArrived;
                _eventArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived.TrySetResult();
                return;
            }
            if (_pending.Remove(header.Xid, out var pending))
                pending.Reply.TrySetResult(new WireReply(header, pending.Op, body.ToArray(), index));
            else
                throw new IOException($"Reply for xid {header.Xid} that no request is waiting for");
        }
    }

    private static async Task<T> WithDeadline<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout ?? DefaultTimeout} for {what}");
        }
    }
}

/// <summary>A request on the wire whose reply has not been awaited yet.</summary>
public sealed record PendingCall(int Xid, OpCode Op, Task<WireReply> Reply);
