using Coordinator.Actors.ClientPort;
using Coordinator.Actors.Zab.Core;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

public sealed partial class MemberActor
{
    private readonly LatencyRecorder _latency = new();

    private MemberStatus Status()
    {
        var watchStats = _watches.Stats;
        var connections = _connections.Values.Select(c => c.Counters.Describe(c.RemoteAddress, c.SessionId, c.EstablishedMs,
            _sessions.TryGetValue(c.SessionId, out var s) ? s.TimeoutMs : 0)).ToList();
        return new MemberStatus(
            Version: _context.Version,
            Mode: Mode,
            Serving: IsServing,
            LastZxid: StatusZxid,
            NodeCount: _tree.ZooKeeperNodeCount,
            PacketsReceived: _connections.Values.Sum(c => c.Counters.ReceivedCount),
            PacketsSent: _connections.Values.Sum(c => c.Counters.SentCount),
            OutstandingRequests: _zabLog is null ? _journaling.Count : _zabLog.CountAfter(Zxid.FromLong(_tree.LastZxid)),
            Latency: _latency.Stats,
            Uptime: Context.System.Clock.UtcNow - _startedAt,
            Watches: new WatchCounts(watchStats.Connections, watchStats.Paths, watchStats.Watches),
            EphemeralCount: _tree.Sessions.Keys.Sum(id => _tree.GetEphemerals(id).Count),
            ApproximateDataSize: _tree.ApproximateDataSize,
            SessionCount: _sessions.Count,
            Connections: connections,
            Configuration: Configuration(),
            Environment: EnvironmentEntries());
    }

    /// <summary>
    /// The applied zxid, but never below the current epoch's start: like ZooKeeper's leader, which sets its zxid to
    /// (epoch, 0) when it establishes, so srvr shows the new epoch before its first write.
    /// </summary>
    private long StatusZxid => _zab is null ? _tree.LastZxid : Math.Max(_tree.LastZxid, new Zxid(_zab.HardState.CurrentEpoch, 0).ToLong());

    private List<KeyValuePair<string, string>> Configuration() =>
    [
        new("clientPort", _settings.ClientPort.ToString()),
        new("dataDir", Path.GetFullPath(_settings.DataDir)),
        new("dataLogDir", Path.GetFullPath(_settings.DataDir)),
        new("tickTime", ((int)_settings.TickTime.TotalMilliseconds).ToString()),
        new("maxClientCnxns", _settings.MaxClientConnections.ToString()),
        new("minSessionTimeout", ((int)_settings.MinSessionTimeout.TotalMilliseconds).ToString()),
        new("maxSessionTimeout", ((int)_settings.MaxSessionTimeout.TotalMilliseconds).ToString()),
        new("serverId", _settings.Id.ToString()),
    ];

    private static List<KeyValuePair<string, string>> EnvironmentEntries() =>
    [
        new("host.name", Environment.MachineName),
        new("dotnet.version", Environment.Version.ToString()),
        new("os.name", Environment.OSVersion.Platform.ToString()),
        new("os.version", Environment.OSVersion.VersionString),
        new("user.name", Environment.UserName),
        new("user.dir", Environment.CurrentDirectory),
        new("os.memory.total", (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024)).ToString() + "MB"),
        new("process.id", Environment.ProcessId.ToString()),
    ];
}
