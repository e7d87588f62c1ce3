using Coordinator.Actors.ClientPort;
using Coordinator.Protocol;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

/// <summary>Request latency in milliseconds, min/avg/max and last, measured from frame arrival to reply.</summary>
public sealed class LatencyRecorder
{
    private long _count;
    private long _totalTicks;
    private long _minTicks = long.MaxValue;
    private long _maxTicks;
    private long _lastTicks;

    public void Record(long startTicks, long endTicks)
    {
        var ticks = Math.Max(0, endTicks - startTicks);
        _count++;
        _totalTicks += ticks;
        _minTicks = Math.Min(_minTicks, ticks);
        _maxTicks = Math.Max(_maxTicks, ticks);
        _lastTicks = ticks;
    }

    public LatencyStats Stats => _count == 0
        ? LatencyStats.Empty
        : new LatencyStats(Ms(_minTicks), (double)_totalTicks / _count / TimeSpan.TicksPerMillisecond, Ms(_maxTicks), Ms(_lastTicks));

    private static long Ms(long ticks) => ticks / TimeSpan.TicksPerMillisecond;
}

/// <summary>Per-connection counters for the stat and cons four-letter words.</summary>
public sealed class ConnectionCounters
{
    private readonly LatencyRecorder _latency = new();
    private string _lastOperation = "NA";
    private long _lastCxid = -1;
    private long _lastZxid = -1;
    private long _lastResponseMs;

    public long ReceivedCount { get; private set; }

    public long SentCount { get; private set; }

    public void Received() => ReceivedCount++;

    public void Replied(ClientRequest request, long zxid, long nowMs, long nowTicks)
    {
        SentCount++;
        _lastOperation = ShortName(request.Op);
        if (request.Xid >= 0) _lastCxid = request.Xid;
        _lastZxid = zxid;
        _lastResponseMs = nowMs;
        _latency.Record(request.ReceivedAtTicks, nowTicks);
    }

    public ConnectionStatus Describe(string remote, long sessionId, long establishedMs, int timeoutMs) =>
        new(remote, 0, ReceivedCount, SentCount, sessionId, _lastOperation, establishedMs, timeoutMs,
            _lastCxid, _lastZxid, _lastResponseMs, _latency.Stats);

    /// <summary>ZooKeeper's four-letter op tags as cons prints them.</summary>
    private static string ShortName(OpCode op) => op switch
    {
        OpCode.Ping => "PING",
        OpCode.GetData => "GETD",
        OpCode.SetData => "SETD",
        OpCode.Create or OpCode.Create2
            or OpCode.CreateContainer or OpCode.CreateTtl => "CREA",
        OpCode.Delete => "DELE",
        OpCode.GetChildren or OpCode.GetChildren2 => "GETC",
        OpCode.Exists => "EXIS",
        OpCode.Multi => "MULT",
        OpCode.Sync => "SYNC",
        OpCode.CloseSession => "CLOS",
        OpCode.SetWatches or OpCode.SetWatches2 => "SETW",
        _ => op.ToString().ToUpperInvariant()[..Math.Min(4, op.ToString().Length)],
    };
}
