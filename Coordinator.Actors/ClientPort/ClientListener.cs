using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Coordinator.Actors.Settings;
using Coordinator.Actors.Sockets;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.ClientPort;

/// <summary>
/// Accepts client connections on the client port and gives each one a <see cref="ConnectionActor"/>.
/// Enforces max-client-cnxns per client address. Stopping it closes the port, not the connections.
/// </summary>
public sealed class ClientListener : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _member;
    private readonly MemberSettings _settings;
    private readonly ILogger _log;
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<string, int> _perAddress = new();
    private readonly CancellationTokenSource _stop = new();
    private long _nextConnectionId;
    private Task _acceptLoop = Task.CompletedTask;

    public ClientListener(ActorSystem system, IActorRef member, MemberSettings settings, ILoggerFactory loggers)
    {
        _system = system;
        _member = member;
        _settings = settings;
        _log = loggers.CreateLogger("Coordinator.ClientPort");
        var address = IPAddress.Parse(settings.ClientAddress);
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(new IPEndPoint(address, settings.ClientPort));
    }

    /// <summary>The port actually bound (useful when the configured port is 0).</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Start()
    {
        _socket.Listen(512);
        _acceptLoop = Task.Run(() => AcceptLoop.RunAsync(_socket, "client", _log, Admit, _stop.Token));
        _log.LogInformation("Client port listening on {Address}:{Port}", _settings.ClientAddress, Port);
    }

    private void Admit(Socket client)
    {
        var socket = new ClientSocket(client);
        var address = socket.RemoteAddress;
        var count = _perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        if (_settings.MaxClientConnections > 0 && count > _settings.MaxClientConnections)
        {
            Release(address);
            _log.LogWarning("Too many connections from {Address} (max {Max}); closing the new one", address, _settings.MaxClientConnections);
            client.Dispose();
            return;
        }
        var id = Interlocked.Increment(ref _nextConnectionId);
        _system.ActorOf(ConnectionActor.Props(id, socket, _member, _settings, _log, () => Release(address)), $"connection-{id}");
    }

    private void Release(string address) => _perAddress.AddOrUpdate(address, 0, (_, n) => Math.Max(0, n - 1));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _acceptLoop;
        _stop.Dispose();
    }
}
