using System.Net;
using System.Net.Sockets;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Zab.Links.PeerNetworkProtocol;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// The TCP links between this member and every other ensemble member: one connection per pair and channel
/// (<see cref="PeerChannel"/>), dialed by the member with the larger id and re-dialed with backoff while down.
/// The owner sends <see cref="OutgoingMessage"/> or <see cref="SendBatch"/> and receives <see cref="PeerReceived"/>
/// and <see cref="PeerDisconnected"/>.
/// <para>
/// Guarantees: messages to one peer on one channel arrive in send order. Whenever quorum-channel traffic to or
/// from a peer may have been lost (the connection broke or was cut, or a send found the link down, in which
/// case the message is dropped), the owner gets <see cref="PeerDisconnected"/> once for that outage, before
/// anything received from the peer on a later connection. Election-channel losses are silent.
/// </para>
/// </summary>
public sealed class PeerNetwork : ActorBase
{
    private readonly long _myId;
    private readonly PeerEndpoint _me;
    private readonly Dictionary<long, PeerEndpoint> _peers;
    private readonly IActorRef _owner;
    private readonly PeerNetworkSettings _settings;
    private readonly ILinkFaults _faults;
    private readonly ILogger _log;
    private readonly Dictionary<(long Peer, PeerChannel Channel), Link> _links = [];
    private readonly Dictionary<PeerConnection, List<PeerMessage>> _unflushed = [];
    private readonly LinkResources _resources = new();
    private readonly List<PeerListener> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();

    public PeerNetwork(long myId, IReadOnlyList<PeerEndpoint> peers, IActorRef owner, PeerNetworkSettings settings, ILoggerFactory loggers, ILinkFaults? faults = null)
    {
        settings.Validate();
        _myId = myId;
        _peers = peers.ToDictionary(p => p.Id);
        _me = _peers.GetValueOrDefault(myId) ?? throw new ArgumentException($"Member {myId} is not among the peers.", nameof(peers));
        _owner = owner;
        _settings = settings;
        _faults = faults ?? NoLinkFaults.Instance;
        _log = loggers.CreateLogger("Coordinator.Zab.Links");
        foreach (var peer in _peers.Keys.Where(id => id != myId))
            foreach (var channel in new[] { PeerChannel.Quorum, PeerChannel.Election })
                _links[(peer, channel)] = new Link(peer, channel, isDialer: myId > peer, settings.ConnectRetryMin);

        Receive<OutgoingMessage>(m =>
        {
            Offer(m.To, m.Message);
            Flush();
        });
        Receive<SendBatch>(batch =>
        {
            foreach (var m in batch.Messages) Offer(m.To, m.Message);
            Flush();
        });
        Receive<FramesReceived>(Deliver);
        Receive<ConnectionLost>(lost =>
        {
            if (LinkOf(lost.Connection) is { } link && link.Current == lost.Connection) Cut(link, lost.Reason);
        });
        Receive<Handshaken>(h => Adopt(h.Connection));
        Receive<DialFailed>(OnDialFailed);
        Receive<Redial>(r => Dial(_links[(r.Peer, r.Channel)]));
        Receive<ReleaseDelayed>(r => Release(_links[(r.Peer, r.Channel)]));
        Receive<CheckLinks>(_ => CheckLinksNow());
        Receive<GetStats>(_ => Sender.Tell(Stats()));
        Receive<ResetLink>(reset =>
        {
            if (_links.TryGetValue((reset.Peer, PeerChannel.Quorum), out var link)) Cut(link, "the Zab registration it carried ended");
        });
    }

    public static Props Props(
        long myId, IReadOnlyList<PeerEndpoint> peers, IActorRef owner, PeerNetworkSettings settings, ILoggerFactory loggers, ILinkFaults? faults = null) =>
        Runtime.Actors.Props.Create(() => new PeerNetwork(myId, peers, owner, settings, loggers, faults));

    internal sealed record FramesReceived(PeerConnection Connection, IReadOnlyList<PeerMessage> Messages);

    internal sealed record ConnectionLost(PeerConnection Connection, string Reason);

    /// <summary>A dialed or accepted connection whose hello is done, ready to adopt.</summary>
    private sealed record Handshaken(PeerConnection Connection);

    private sealed record DialFailed(long Peer, PeerChannel Channel, string Reason);

    private sealed record Redial(long Peer, PeerChannel Channel);

    private sealed record ReleaseDelayed(long Peer, PeerChannel Channel);

    private sealed record CheckLinks;

    /// <summary>The state of one (peer, channel) link across its successive connections.</summary>
    private sealed class Link(long peer, PeerChannel channel, bool isDialer, TimeSpan retryDelay)
    {
        public long Peer { get; } = peer;
        public PeerChannel Channel { get; } = channel;
        public bool IsDialer { get; } = isDialer;
        public PeerConnection? Current { get; set; }
        public bool Dialing { get; set; }
        public TimeSpan RetryDelay { get; set; } = retryDelay;

        /// <summary>The owner was told of the current outage; reset when a connection is adopted.</summary>
        public bool LossReported { get; set; }

        public int Connections { get; set; }
        public long WritesOfClosed { get; set; }
        public long FramesSentOfClosed { get; set; }

        /// <summary>A delay fault holds this link: messages wait in <see cref="Held"/> until released.</summary>
        public bool Holding { get; set; }

        public Queue<PeerMessage> Held { get; } = new();

        /// <summary>A reorder fault keeps this message back until the next one on the link has gone.</summary>
        public PeerMessage? Swapped { get; set; }

        public (string, long, PeerChannel) RedialKey => ("redial", Peer, Channel);
        public (string, long, PeerChannel) ReleaseKey => ("release", Peer, Channel);
    }

    protected override void PreStart()
    {
        var self = Self;
        var address = Resolve(_me.Host);
        var knownIds = _peers.Keys.ToHashSet();
        foreach (var channel in new[] { PeerChannel.Quorum, PeerChannel.Election })
        {
            _listeners.Add(new PeerListener(new IPEndPoint(address, _me.Port(channel)), channel, _myId, knownIds, _settings.HandshakeTimeout,
                Context.System.Clock, _log, _resources, connection => self.Tell(new Handshaken(connection))));
        }
        _log.LogInformation("Member {Id} listens for peers on {Host} (quorum {QuorumPort}, election {ElectionPort})",
            _myId, _me.Host, _me.QuorumPort, _me.ElectionPort);
        foreach (var link in _links.Values.Where(l => l.IsDialer)) Dial(link);
        // Checking at half the heartbeat interval keeps a quiet connection's gap below the interval plus a bit.
        Timers.StartPeriodicTimer("check-links", new CheckLinks(), _settings.HeartbeatInterval / 2);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        foreach (var listener in _listeners) listener.Dispose();
        if (!_resources.CloseAll("the peer network stopped", TimeSpan.FromSeconds(5)))
            _log.LogWarning("Member {Id}: some peer link tasks did not finish within 5 s of stopping", _myId);
        _stopping.Dispose();
    }

    private void Offer(long to, PeerMessage message)
    {
        var channel = PeerChannels.Of(message);
        if (to == _myId || !_links.TryGetValue((to, channel), out var link))
        {
            _log.LogWarning("Member {Id} has no link to member {To}; dropped {Type}", _myId, to, message.Type);
            return;
        }
        if (_faults.IsPartitioned(_myId, to))
        {
            Cut(link, $"partitioned from member {to}");
            ReportLoss(link);
            return;
        }
        var fault = _faults.OnSend(_myId, to, channel, message);
        switch (fault.Kind)
        {
            case LinkFaultKind.Drop:
                // Lost in transit on a FIFO link: what was sent before it still arrives, nothing after it.
                Cut(link, "a fault dropped a message", sendQueuedFirst: true);
                ReportLoss(link);
                return;
            case LinkFaultKind.Duplicate:
                Emit(link, message);
                Emit(link, message);
                break;
            case LinkFaultKind.Delay:
                if (!link.Holding)
                {
                    link.Holding = true;
                    Timers.StartSingleTimer(link.ReleaseKey, new ReleaseDelayed(link.Peer, link.Channel), fault.Delay);
                }
                Emit(link, message);
                break;
            case LinkFaultKind.Reorder when link.Swapped is null:
                link.Swapped = message;
                return;
            default:
                Emit(link, message);
                break;
        }
        if (link.Swapped is { } swapped)
        {
            link.Swapped = null;
            Emit(link, swapped);
        }
    }

    /// <summary>Queues for the current connection's next write, or loses the message if the link is down.</summary>
    private void Emit(Link link, PeerMessage message)
    {
        if (link.Holding)
        {
            link.Held.Enqueue(message);
            return;
        }
        if (link.Current is not { } connection)
        {
            ReportLoss(link);
            return;
        }
        Unflushed(connection).Add(message);
    }

    private List<PeerMessage> Unflushed(PeerConnection connection)
    {
        if (!_unflushed.TryGetValue(connection, out var messages)) _unflushed[connection] = messages = [];
        return messages;
    }

    /// <summary>Hands each connection everything emitted for it during this message as one batch: one socket write.</summary>
    private void Flush()
    {
        foreach (var (connection, messages) in _unflushed) connection.Enqueue(messages);
        _unflushed.Clear();
    }

    private void Release(Link link)
    {
        link.Holding = false;
        while (link.Held.TryDequeue(out var message)) Emit(link, message);
        Flush();
    }

    private void Deliver(FramesReceived received)
    {
        var link = LinkOf(received.Connection);
        // Frames from a connection that was already cut are dropped: the owner has been told of that loss.
        if (link is null || link.Current != received.Connection) return;
        if (_faults.IsPartitioned(_myId, link.Peer))
        {
            Cut(link, $"partitioned from member {link.Peer}");
            return;
        }
        foreach (var message in received.Messages)
        {
            if (PeerChannels.Of(message) != link.Channel)
            {
                _log.LogWarning("Member {Peer} sent {Type} on the {Channel} channel; closing that link", link.Peer, message.Type, link.Channel);
                Cut(link, $"{message.Type} does not belong on the {link.Channel} channel");
                return;
            }
            _owner.Tell(new PeerReceived(link.Peer, message));
        }
    }

    private void Adopt(PeerConnection connection)
    {
        if (LinkOf(connection) is not { } link)
        {
            connection.Close("no such link");
            return;
        }
        if (link.IsDialer) link.Dialing = false;
        if (_faults.IsPartitioned(_myId, link.Peer))
        {
            connection.Close($"partitioned from member {link.Peer}");
            if (link.IsDialer) ScheduleRedial(link);
            return;
        }
        if (link.Current is not null) Cut(link, "replaced by a newer connection from the same member");
        link.Current = connection;
        link.Connections++;
        link.LossReported = false;
        connection.Start(Self);
        _log.LogInformation("Member {Id} connected to member {Peer} on the {Channel} channel ({How})",
            _myId, link.Peer, link.Channel, link.IsDialer ? "dialed" : "accepted");
    }

    /// <summary>
    /// Closes the link's connection and discards what it held (and what it had not written yet, unless
    /// <paramref name="sendQueuedFirst"/>); anything lost on the quorum channel is reported.
    /// </summary>
    private void Cut(Link link, string reason, bool sendQueuedFirst = false)
    {
        var lost = link.Current is not null || link.Held.Count > 0 || link.Swapped is not null;
        if (link.Current is { } connection)
        {
            link.Current = null;
            if (_unflushed.Remove(connection, out var queued) && sendQueuedFirst) connection.Enqueue(queued);
            if (sendQueuedFirst) connection.CloseAfterSending(reason);
            else connection.Close(reason);
            link.WritesOfClosed += connection.Writes;
            link.FramesSentOfClosed += connection.FramesSent;
            _log.LogInformation("Member {Id} lost its {Channel} link to member {Peer}: {Reason}", _myId, link.Channel, link.Peer, reason);
            if (link.IsDialer)
            {
                // A connection the peer accepted earns a quick redial; one refused at once keeps backing off.
                if (connection.ReceivedAny) link.RetryDelay = _settings.ConnectRetryMin;
                ScheduleRedial(link);
            }
        }
        link.Held.Clear();
        link.Holding = false;
        link.Swapped = null;
        Timers.Cancel(link.ReleaseKey);
        if (lost) ReportLoss(link);
    }

    private void ReportLoss(Link link)
    {
        if (link.Channel != PeerChannel.Quorum || link.LossReported) return;
        link.LossReported = true;
        _owner.Tell(new PeerDisconnected(link.Peer));
    }

    private void Dial(Link link)
    {
        if (link.Current is not null || link.Dialing) return;
        if (_faults.IsPartitioned(_myId, link.Peer))
        {
            ScheduleRedial(link);
            return;
        }
        link.Dialing = true;
        var (peer, channel, self, clock, stopping) = (_peers[link.Peer], link.Channel, Self, Context.System.Clock, _stopping.Token);
        // Off the actor thread from the start: resolving a host name may block.
        _resources.Track(Task.Run(() => DialAsync(peer, channel, self, clock, stopping)));
    }

    /// <summary>Connects and sends the hello off the actor thread; the result comes back as a message.</summary>
    private async Task DialAsync(PeerEndpoint peer, PeerChannel channel, IActorRef self, IClock clock, CancellationToken stopping)
    {
        Socket? socket = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(_settings.HandshakeTimeout);
            var address = Resolve(peer.Host);
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(address, peer.Port(channel)), timeout.Token);
            var hello = new PeerHello(channel, _myId).Encode();
            for (var sent = 0; sent < hello.Length;)
                sent += await socket.SendAsync(hello.AsMemory(sent), SocketFlags.None, timeout.Token);
            var connection = new PeerConnection(socket, peer.Id, channel, clock, _log, _resources);
            if (_resources.TryAdd(connection)) self.Tell(new Handshaken(connection));
            else connection.Close("the peer network stopped");
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket?.Dispose();
            if (!stopping.IsCancellationRequested) self.Tell(new DialFailed(peer.Id, channel, error.Message));
        }
    }

    private void OnDialFailed(DialFailed failed)
    {
        var link = _links[(failed.Peer, failed.Channel)];
        link.Dialing = false;
        _log.LogDebug("Member {Id} could not reach member {Peer} on the {Channel} channel ({Reason}); retrying in {Delay}",
            _myId, failed.Peer, failed.Channel, failed.Reason, link.RetryDelay);
        ScheduleRedial(link);
    }

    private void ScheduleRedial(Link link)
    {
        Timers.StartSingleTimer(link.RedialKey, new Redial(link.Peer, link.Channel), link.RetryDelay);
        var doubled = link.RetryDelay * 2;
        link.RetryDelay = doubled > _settings.ConnectRetryMax ? _settings.ConnectRetryMax : doubled;
    }

    /// <summary>Cuts partitioned and silent connections, heartbeats quiet ones, and lets a lone reordered message go.</summary>
    private void CheckLinksNow()
    {
        var now = Context.System.Clock.Elapsed;
        foreach (var link in _links.Values)
        {
            if (link.Swapped is { } swapped)
            {
                link.Swapped = null;
                Emit(link, swapped);
            }
            if (link.Current is not { } connection) continue;
            if (_faults.IsPartitioned(_myId, link.Peer))
                Cut(link, $"partitioned from member {link.Peer}");
            else if (now - connection.LastReceived > _settings.IdleTimeout)
                Cut(link, $"nothing received for {_settings.IdleTimeout.TotalMilliseconds:0} ms");
            else if (now - connection.LastSent >= _settings.HeartbeatInterval && !_unflushed.ContainsKey(connection))
                Unflushed(connection).Add(LinkHeartbeat.Instance);
        }
        Flush();
    }

    private PeerNetworkStats Stats() => new(
    [
        .. _links.Values.OrderBy(l => l.Peer).ThenBy(l => l.Channel).Select(l => new PeerLinkStats(
            l.Peer,
            l.Channel,
            l.Current is not null,
            l.Connections,
            l.WritesOfClosed + (l.Current?.Writes ?? 0),
            l.FramesSentOfClosed + (l.Current?.FramesSent ?? 0),
            l.Current?.HeartbeatsReceived ?? 0)),
    ]);

    private Link? LinkOf(PeerConnection connection) => _links.GetValueOrDefault((connection.Peer, connection.Channel));

    private static IPAddress Resolve(string host) =>
        IPAddress.TryParse(host, out var address) ? address : Dns.GetHostAddresses(host).First();
}
