using System.Net;
using System.Net.Sockets;
using Coordinator.Runtime.Scheduling;
using Coordinator.Actors.Sockets;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// Accepts connections on one of this member's peer ports and checks each one's hello. Accepted connections
/// are registered and handed to <c>onAccepted</c>; refused ones are closed and logged.
/// </summary>
internal sealed class PeerListener : IDisposable
{
    private readonly PeerChannel _channel;
    private readonly long _myId;
    private readonly IReadOnlySet<long> _knownIds;
    private readonly TimeSpan _handshakeTimeout;
    private readonly IClock _clock;
    private readonly ILogger _log;
    private readonly LinkResources _resources;
    private readonly Action<PeerConnection> _onAccepted;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();

    public PeerListener(
        IPEndPoint endpoint, PeerChannel channel, long myId, IReadOnlySet<long> knownIds, TimeSpan handshakeTimeout,
        IClock clock, ILogger log, LinkResources resources, Action<PeerConnection> onAccepted)
    {
        _channel = channel;
        _myId = myId;
        _knownIds = knownIds;
        _handshakeTimeout = handshakeTimeout;
        _clock = clock;
        _log = log;
        _resources = resources;
        _onAccepted = onAccepted;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(endpoint);
        _socket.Listen(64);
        _resources.Track(Task.Run(() => AcceptLoop.RunAsync(_socket, $"{_channel}", _log,
            socket => _resources.Track(Task.Run(() => Handshake(socket))), _stop.Token)));
    }

    private async Task Handshake(Socket socket)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        string? refusal;
        long sender;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_handshakeTimeout);
            var hello = new byte[PeerHello.Size];
            var read = 0;
            while (read < hello.Length)
            {
                var n = await socket.ReceiveAsync(hello.AsMemory(read), SocketFlags.None, timeout.Token);
                if (n == 0) break;
                read += n;
            }
            refusal = PeerHello.Refusal(hello.AsSpan(0, read), _channel, _myId, _knownIds, out sender);
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            if (!_stop.IsCancellationRequested)
                _log.LogWarning("Refused a {Channel} connection from {Remote}: no complete hello within {Timeout} ({Error})", _channel, remote, _handshakeTimeout, error.Message);
            return;
        }
        if (refusal is not null)
        {
            _log.LogWarning("Refused a {Channel} connection from {Remote}: {Reason}", _channel, remote, refusal);
            socket.Dispose();
            return;
        }
        var connection = new PeerConnection(socket, sender, _channel, _clock, _log, _resources);
        if (_resources.TryAdd(connection)) _onAccepted(connection);
        else connection.Close("the network is stopping");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
    }
}
