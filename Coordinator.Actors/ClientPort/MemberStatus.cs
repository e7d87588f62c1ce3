namespace Coordinator.Actors.ClientPort;

/// <summary>Latency figures in milliseconds, as the four-letter words print them.</summary>
public readonly record struct LatencyStats(long Min, double Average, long Max, long Last)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0);
}

/// <summary>Watch counts for wchs and mntr.</summary>
public readonly record struct WatchCounts(int ConnectionsWatching, int PathsWatched, int TotalWatches);

/// <summary>One client connection as stat and cons describe it.</summary>
public sealed record ConnectionStatus(
    string RemoteEndPoint,
    long Queued,
    long Received,
    long Sent,
    long SessionId,
    string LastOperation,
    long EstablishedMs,
    int SessionTimeoutMs,
    long LastCxid,
    long LastZxid,
    long LastResponseMs,
    LatencyStats Latency);

/// <summary>A snapshot of a member's state, the input of every four-letter word.</summary>
public sealed record MemberStatus(
    string Version,
    string Mode,
    bool Serving,
    long LastZxid,
    int NodeCount,
    long PacketsReceived,
    long PacketsSent,
    long OutstandingRequests,
    LatencyStats Latency,
    TimeSpan Uptime,
    WatchCounts Watches,
    int EphemeralCount,
    long ApproximateDataSize,
    int SessionCount,
    IReadOnlyList<ConnectionStatus> Connections,
    IReadOnlyList<KeyValuePair<string, string>> Configuration,
    IReadOnlyList<KeyValuePair<string, string>> Environment);
