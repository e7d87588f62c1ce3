using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Client.Connection;

/// <summary>
/// One TCP connection to one member: the handshake, then a read loop that hands every frame to the
/// session, a write loop that drains one channel of ready-made frames (so frames leave in the order they
/// were queued) and a keep-alive loop. It never reconnects; the session makes a new one.
/// </summary>
internal sealed class ServerConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _frames;
    private readonly PipeWriter _output;
    private static readonly byte[] PingFrame = BuildPing();

    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private long _lastReceived = Environment.TickCount64;

    private ServerConnection(Socket socket, DnsEndPoint server, int maxFrameSize)
    {
        _socket = socket;
        Server = server;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _frames = new FrameReader(PipeReader.Create(_stream), maxFrameSize);
        _output = PipeWriter.Create(_stream);
    }

    public DnsEndPoint Server { get; }

    /// <summary>Milliseconds since anything arrived from the server.</summary>
    public long IdleMilliseconds => Environment.TickCount64 - Interlocked.Read(ref _lastReceived);

    /// <summary>Connects and performs the session handshake within <paramref name="timeout"/>.</summary>
    public static async Task<(ServerConnection Connection, ConnectResponse Response)> OpenAsync(
        DnsEndPoint server, ConnectRequest request, TimeSpan timeout, int maxFrameSize, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        ServerConnection? connection = null;
        try
        {
            await socket.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            connection = new ServerConnection(socket, server, maxFrameSize);
            var frame = new ArrayBufferWriter<byte>();
            FrameWriter.Write(frame, request);
            await connection._stream.WriteAsync(frame.WrittenMemory, deadline.Token).ConfigureAwait(false);
            using var answer = await connection._frames.ReadFrameAsync(deadline.Token).ConfigureAwait(false)
                ?? throw new IOException($"{server} closed the connection during the handshake.");
            var response = ReadConnectResponse(answer.Span);
            return (connection, response);
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
            else
                socket.Dispose();
            throw;
        }
    }

    /// <summary>Queues a whole frame for the write loop; false once the connection is closing.</summary>
    public bool TrySend(byte[] frame) => _outgoing.Writer.TryWrite(frame);

    /// <summary>
    /// Runs the read, write and keep-alive loops until one ends or the connection is closed. Each frame is
    /// handed to <paramref name="onFrame"/> on the read loop and disposed after it returns. Pings go out
    /// at a third of <paramref name="sessionTimeout"/>; a server silent for two thirds of it counts as gone.
    /// </summary>
    public async Task RunAsync(Action<Frame> onFrame, TimeSpan sessionTimeout)
    {
        var loops = new[] { ReadLoopAsync(onFrame), WriteLoopAsync(), KeepAliveAsync(sessionTimeout) };
        var first = await Task.WhenAny(loops).ConfigureAwait(false);
        Close();
        await Task.WhenAll(loops).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await first.ConfigureAwait(false); // surface why the connection ended
    }

    /// <summary>Ends both loops and closes the socket.</summary>
    public void Close()
    {
        _outgoing.Writer.TryComplete();
        if (!_stop.IsCancellationRequested)
            _stop.Cancel();
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _stop.Dispose();
        return _stream.DisposeAsync();
    }

    private async Task ReadLoopAsync(Action<Frame> onFrame)
    {
        while (true)
        {
            using var frame = await _frames.ReadFrameAsync(_stop.Token).ConfigureAwait(false)
                ?? throw new EndOfStreamException($"{Server} closed the connection.");
            Interlocked.Exchange(ref _lastReceived, Environment.TickCount64);
            onFrame(frame);
        }
    }

    // Flushes only when the queue runs dry, so a burst of pipelined requests shares few socket writes.
    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
                _output.Write(frame);
            await _output.FlushAsync(_stop.Token).ConfigureAwait(false);
        }
    }

    private async Task KeepAliveAsync(TimeSpan sessionTimeout)
    {
        var readTimeout = sessionTimeout * 2 / 3;
        using var timer = new PeriodicTimer(sessionTimeout / 3);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            if (IdleMilliseconds > readTimeout.TotalMilliseconds)
                throw new TimeoutException($"{Server} sent nothing for {IdleMilliseconds} ms.");
            TrySend(PingFrame);
        }
    }

    private static byte[] BuildPing()
    {
        var frame = new ArrayBufferWriter<byte>();
        FrameWriter.Write(frame, new RequestHeader(Protocol.Xids.Ping, Protocol.OpCode.Ping), null);
        return frame.WrittenSpan.ToArray();
    }

    private static ConnectResponse ReadConnectResponse(ReadOnlySpan<byte> body)
    {
        var reader = new JuteReader(body);
        return ConnectResponse.Read(ref reader);
    }
}
