using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Links;

/// <summary>Where an ensemble member listens: the quorum port carries Zab traffic, the election port notifications.</summary>
public sealed record PeerEndpoint(long Id, string Host, int QuorumPort, int ElectionPort)
{
    public int Port(PeerChannel channel) => channel == PeerChannel.Quorum ? QuorumPort : ElectionPort;
}

/// <summary>The two connections every pair of members keeps, each with its own port and ordering.</summary>
public enum PeerChannel : byte
{
    /// <summary>Everything except election notifications; losses are reported to the owner.</summary>
    Quorum = 1,

    /// <summary>Only <see cref="Notification"/>s; losses are silent because the election resends on its own.</summary>
    Election = 2,
}

public static class PeerChannels
{
    public static PeerChannel Of(PeerMessage message) => message is Notification ? PeerChannel.Election : PeerChannel.Quorum;
}
