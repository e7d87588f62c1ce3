using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Client;

/// <summary>
/// A fake member on loopback whose every answer the test writes by hand, for the client behaviour a real
/// server cannot be made to show on cue: dropped connections, replies out of order, expiry on reconnect.
/// </summary>
internal sealed class ScriptedMember : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ScriptedMember() => _listener.Start();

    public string ConnectString => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>
    /// Accepts the next connection and answers its handshake with <paramref name="timeoutMs"/> (0 means
    /// expired), as a read-only member if <paramref name="readOnly"/>.
    /// </summary>
    public async Task<ScriptedConnection> AcceptAsync(long sessionId, int timeoutMs = 10_000, bool readOnly = false)
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(ClientTesting.Patience);
        var connection = new ScriptedConnection(socket);
        var hello = await connection.ReadAsync(frame => { var r = new JuteReader(frame); return ConnectRequest.Read(ref r); });
        connection.Hello = hello;
        await connection.WriteAsync(output => FrameWriter.Write(output,
            new ConnectResponse(0, timeoutMs, timeoutMs == 0 ? 0 : sessionId, new byte[ConnectResponse.PasswordLength], hello.ReadOnly is null ? null : readOnly)));
        return connection;
    }

    public void Dispose() => _listener.Stop();
}

internal sealed class ScriptedConnection(Socket socket) : IDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private FrameReader? _frames;

    public ConnectRequest Hello { get; set; } = null!;

    /// <summary>The next request (other than a ping unless <paramref name="includePings"/>): its header and raw body.</summary>
    public async Task<(RequestHeader Header, byte[] Body)> ReceiveAsync(bool includePings = false)
    {
        while (true)
        {
            var (header, body) = await ReadAsync(frame =>
            {
                var reader = new JuteReader(frame);
                return (RequestHeader.Read(ref reader), frame[RequestHeader.WireSize..].ToArray());
            });
            if (includePings || header.Type != OpCode.Ping)
                return (header, body);
        }
    }

    public Task ReplyAsync(int xid, long zxid, ErrorCode err, IJuteWritable? body = null) =>
        WriteAsync(output => FrameWriter.Write(output, new ReplyHeader(xid, zxid, err), body));

    public Task NotifyAsync(EventType type, string path) =>
        ReplyAsync(Xids.Notification, -1, ErrorCode.Ok, new WatcherEvent(type, KeeperState.SyncConnected, path));

    public void Dispose() => _stream.Dispose();

    internal async Task<T> ReadAsync<T>(ReadSpan<T> read)
    {
        _frames ??= new FrameReader(PipeReader.Create(_stream));
        using var frame = await _frames.ReadFrameAsync().AsTask().WaitAsync(ClientTesting.Patience)
            ?? throw new EndOfStreamException("The client closed the connection.");
        return read(frame.Span);
    }

    internal async Task WriteAsync(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        await _stream.WriteAsync(buffer.WrittenMemory);
    }

    internal delegate T ReadSpan<out T>(ReadOnlySpan<byte> frame);
}
