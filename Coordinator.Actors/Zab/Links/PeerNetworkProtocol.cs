using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// Messages between a <see cref="PeerNetwork"/> and its owner. Besides these, the network accepts a single
/// <see cref="OutgoingMessage"/> (what <c>ZabReady.MessagesToSend</c> holds).
/// </summary>
public static class PeerNetworkProtocol
{
    /// <summary>Owner to network: send these in order. Messages for one peer go out in one socket write when they fit.</summary>
    public sealed record SendBatch(IReadOnlyList<OutgoingMessage> Messages);

    /// <summary>Network to owner: a message from peer <paramref name="From"/>, in the order that peer sent it on its channel.</summary>
    public sealed record PeerReceived(long From, PeerMessage Message);

    /// <summary>
    /// Network to owner: quorum-channel traffic to or from <paramref name="Id"/> may have been lost (the connection
    /// broke or was cut, or a send found it down). Sent once per outage, and always before anything received from
    /// <paramref name="Id"/> on a later connection.
    /// </summary>
    public sealed record PeerDisconnected(long Id);

    /// <summary>
    /// Owner to network: close the quorum connection to <paramref name="Peer"/> (both ends are told of the loss) because
    /// the Zab registration it carried ended; the next registration starts on a fresh connection.
    /// </summary>
    public sealed record ResetLink(long Peer);

    /// <summary>Ask the network for <see cref="PeerNetworkStats"/> (status output and tests).</summary>
    public sealed record GetStats
    {
        public static readonly GetStats Instance = new();
    }

    public sealed record PeerNetworkStats(IReadOnlyList<PeerLinkStats> Links)
    {
        public PeerLinkStats Link(long peer, PeerChannel channel) => Links.Single(l => l.Peer == peer && l.Channel == channel);

        /// <summary>True when every link to every peer is connected.</summary>
        public bool AllConnected => Links.All(l => l.Connected);
    }

    /// <param name="Connections">Connections adopted on this link so far (a reconnect adds one).</param>
    /// <param name="SocketWrites">Socket writes on this link so far; each carries every frame queued at that moment.</param>
    /// <param name="FramesSent">Frames handed to the socket writer, heartbeats included.</param>
    /// <param name="HeartbeatsReceived">Heartbeat frames received on the current connection.</param>
    public sealed record PeerLinkStats(
        long Peer, PeerChannel Channel, bool Connected, int Connections, long SocketWrites, long FramesSent, long HeartbeatsReceived);
}
