namespace Coordinator.Client.Session;

/// <summary>Where a client's session stands. Expired, AuthFailed and Closed are final.</summary>
public enum ConnectionState
{
    Connecting,
    Connected,
    /// <summary>Connected to a member that has lost its quorum; only reads are served.</summary>
    ConnectedReadOnly,
    /// <summary>The connection dropped; the client is reconnecting and the session may still be resumed.</summary>
    Disconnected,
    /// <summary>The server ended the session; ephemerals and watches are gone and a new client is needed.</summary>
    Expired,
    AuthFailed,
    Closed,
}

public static class ConnectionStateExtensions
{
    public static bool IsConnected(this ConnectionState state) =>
        state is ConnectionState.Connected or ConnectionState.ConnectedReadOnly;

    public static bool IsFinal(this ConnectionState state) =>
        state is ConnectionState.Expired or ConnectionState.AuthFailed or ConnectionState.Closed;
}
