namespace Coordinator.Actors.Zab.Links;

/// <summary>Timing of the peer links. The defaults suit a LAN ensemble; tests shorten them.</summary>
public sealed record PeerNetworkSettings
{
    /// <summary>The first wait before redialing a peer; it doubles per failed attempt up to <see cref="ConnectRetryMax"/>.</summary>
    public TimeSpan ConnectRetryMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ConnectRetryMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A connection that sent nothing for this long gets a heartbeat frame.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A connection that received nothing (not even a heartbeat) for this long is closed as dead.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dial (TCP connect plus hello) or an accepted socket's hello may take.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (ConnectRetryMin <= TimeSpan.Zero || ConnectRetryMax < ConnectRetryMin)
            throw new ArgumentException($"Connect retry backoff must satisfy 0 < min ({ConnectRetryMin}) <= max ({ConnectRetryMax}).");
        if (HeartbeatInterval <= TimeSpan.Zero || IdleTimeout <= HeartbeatInterval)
            throw new ArgumentException($"The idle timeout ({IdleTimeout}) must exceed the heartbeat interval ({HeartbeatInterval}), which must be positive.");
        if (HandshakeTimeout <= TimeSpan.Zero) throw new ArgumentException("The handshake timeout must be positive.");
    }
}
