using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Peer;

/// <summary>What the member and its peer links say to each other.</summary>
public static class PeerTraffic
{
    /// <summary>Member to links: send these, in order per peer.</summary>
    public sealed record Send(IReadOnlyList<OutgoingMessage> Messages);

    /// <summary>Links to member: a message from peer <paramref name="From"/>.</summary>
    public sealed record Received(long From, PeerMessage Message);

    /// <summary>Links to member: something sent to or from <paramref name="Peer"/> may have been lost.</summary>
    public sealed record Disconnected(long Peer);
}
