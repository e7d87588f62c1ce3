using System.Net;
using System.Net.Sockets;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Links;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Bench.Servers;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Patterns;
using Coordinator.Runtime.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using static Coordinator.Actors.Zab.Links.PeerNetworkProtocol;

namespace Coordinator.Tests.Zab.Links;

/// <summary>
/// Members 1..n on loopback with free ports, each a <see cref="PeerNetwork"/> whose owner is a probe. Members
/// can be left unstarted (their ports stay unused) so a test can play that member with a raw socket.
/// </summary>
internal sealed class LinkTestEnsemble
{
    private readonly TestKit _kit;
    private readonly ILinkFaults? _faults;
    private readonly PeerNetworkSettings _settings;
    private readonly Dictionary<long, IActorRef> _networks = [];
    private readonly Dictionary<long, TestProbe> _owners = [];
    private int _generation;

    public LinkTestEnsemble(TestKit kit, int members, ILinkFaults? faults = null, PeerNetworkSettings? settings = null)
    {
        _kit = kit;
        _faults = faults;
        _settings = settings ?? FastSettings;
        var ports = FreePorts.Allocate(2 * members);
        Peers = [.. Enumerable.Range(0, members).Select(i => new PeerEndpoint(i + 1, "127.0.0.1", ports[2 * i], ports[2 * i + 1]))];
    }

    /// <summary>Short timings, stretched by the test time factor on slow machines.</summary>
    public static PeerNetworkSettings FastSettings => new()
    {
        ConnectRetryMin = TimeSpan.FromMilliseconds(20),
        ConnectRetryMax = TestKit.Dilated(TimeSpan.FromMilliseconds(200)),
        HeartbeatInterval = TestKit.Dilated(TimeSpan.FromMilliseconds(100)),
        IdleTimeout = TestKit.Dilated(TimeSpan.FromSeconds(1)),
        HandshakeTimeout = TestKit.Dilated(TimeSpan.FromSeconds(2)),
    };

    public IReadOnlyList<PeerEndpoint> Peers { get; }

    public IActorRef Network(long id) => _networks[id];

    public TestProbe Owner(long id) => _owners[id];

    public LinkTestEnsemble Start(params long[] ids)
    {
        foreach (var id in ids)
        {
            var owner = _kit.CreateTestProbe($"owner-{id}-{++_generation}");
            _owners[id] = owner;
            _networks[id] = _kit.Sys.ActorOf(PeerNetwork.Props(id, Peers, owner, _settings, NullLoggerFactory.Instance, _faults), $"network-{id}-{_generation}");
            Stats(id); // answered only after PreStart: the ports are listening
        }
        return this;
    }

    public void Stop(long id)
    {
        var watcher = _kit.CreateTestProbe();
        watcher.Watch(_networks[id]);
        _kit.Sys.Stop(_networks[id]);
        watcher.ExpectTerminated(_networks[id], TimeSpan.FromSeconds(10));
        _networks.Remove(id);
    }

    public PeerNetworkStats Stats(long id) =>
        _networks[id].Ask<PeerNetworkStats>(GetStats.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    /// <summary>Waits until the given members' links to each other are up on both ends and both channels.</summary>
    public void AwaitConnected(params long[] ids) =>
        _kit.AwaitAssert(() =>
        {
            foreach (var id in ids)
            {
                var stats = Stats(id);
                foreach (var other in ids.Where(o => o != id))
                    foreach (var channel in new[] { PeerChannel.Quorum, PeerChannel.Election })
                        Assert.True(stats.Link(other, channel).Connected, $"member {id} is not connected to {other} on {channel}");
            }
        }, TimeSpan.FromSeconds(10));

    public void Send(long from, long to, PeerMessage message) => _networks[from].Tell(new OutgoingMessage(to, message));

    public static Ping Ping(uint n) => new(new Zxid(1, n));

    public static Notification Vote(long member, long round) => new(new Vote(member, Zxid.Zero, 0), round, PeerState.Looking);

    /// <summary>A raw socket playing member <paramref name="asMember"/> that dialed <paramref name="target"/> and sent its hello.</summary>
    public Socket DialAs(long asMember, long target, PeerChannel channel = PeerChannel.Quorum, byte[]? hello = null)
    {
        var endpoint = Peers.Single(p => p.Id == target);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = (int)TestKit.Dilated(TimeSpan.FromSeconds(10)).TotalMilliseconds,
        };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, endpoint.Port(channel)));
        socket.Send(hello ?? new PeerHello(channel, asMember).Encode());
        return socket;
    }

    /// <summary>Reads (and discards heartbeats or other frames) until the other end closes; fails on the receive timeout.</summary>
    public static void ExpectClosedByPeer(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A reset is a close too.
        }
    }
}
