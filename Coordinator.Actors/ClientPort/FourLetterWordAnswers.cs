using System.Globalization;
using System.Text;

namespace Coordinator.Actors.ClientPort;

/// <summary>
/// The text answers to ZooKeeper's four-letter words (recognised by the protocol's frame reader as the
/// first four bytes of a fresh connection; the connection closes after the answer). Output formats follow ZooKeeper's
/// because tools parse them (zkServer.sh greps <c>Mode:</c>, monitoring parses mntr keys).
/// </summary>
public static class FourLetterWordAnswers
{
    public static bool IsAllowed(string word, IReadOnlyCollection<string> whitelist) =>
        whitelist.Contains("*") || whitelist.Contains(word);

    /// <summary>The full text answer for <paramref name="word"/>, given a snapshot of the member's state.</summary>
    public static string Render(string word, MemberStatus status, IReadOnlyCollection<string> whitelist)
    {
        if (!IsAllowed(word, whitelist))
            return $"{word} is not executed because it is not in the whitelist.\n";
        // mntr still answers, so monitoring sees a member that is up but electing (zk_server_state looking).
        if (!status.Serving && word is not ("ruok" or "isro" or "mntr"))
            return "This ZooKeeper instance is not currently serving requests\n";
        return word switch
        {
            "ruok" => "imok",
            "isro" => status.Serving ? "rw" : "null",
            "srvr" => Srvr(status),
            "stat" => Stat(status),
            "mntr" => Mntr(status),
            "conf" => Conf(status),
            "cons" => Cons(status),
            "wchs" => Wchs(status),
            "envi" => Envi(status),
            _ => throw new ArgumentOutOfRangeException(nameof(word), word, "not a four-letter word"),
        };
    }

    private static string Srvr(MemberStatus s)
    {
        var text = new StringBuilder();
        text.Append("Zookeeper version: ").Append(s.Version).Append('\n');
        AppendServerLines(text, s);
        return text.ToString();
    }

    private static string Stat(MemberStatus s)
    {
        var text = new StringBuilder();
        text.Append("Zookeeper version: ").Append(s.Version).Append('\n');
        text.Append("Clients:\n");
        foreach (var c in s.Connections)
            text.Append(' ').Append(BriefConnection(c)).Append(")\n");
        text.Append('\n');
        AppendServerLines(text, s);
        return text.ToString();
    }

    private static void AppendServerLines(StringBuilder text, MemberStatus s)
    {
        text.Append("Latency min/avg/max: ").Append(s.Latency.Min).Append('/')
            .Append(JavaDouble(s.Latency.Average)).Append('/').Append(s.Latency.Max).Append('\n');
        text.Append("Received: ").Append(s.PacketsReceived).Append('\n');
        text.Append("Sent: ").Append(s.PacketsSent).Append('\n');
        text.Append("Connections: ").Append(s.Connections.Count).Append('\n');
        text.Append("Outstanding: ").Append(s.OutstandingRequests).Append('\n');
        text.Append("Zxid: 0x").Append(s.LastZxid.ToString("x", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("Mode: ").Append(s.Mode).Append('\n');
        text.Append("Node count: ").Append(s.NodeCount).Append('\n');
    }

    private static string Mntr(MemberStatus s)
    {
        var lines = new List<(string Key, string Value)>
        {
            ("zk_version", s.Version),
            ("zk_server_state", s.Mode),
            ("zk_avg_latency", JavaDouble(s.Latency.Average)),
            ("zk_max_latency", s.Latency.Max.ToString(CultureInfo.InvariantCulture)),
            ("zk_min_latency", s.Latency.Min.ToString(CultureInfo.InvariantCulture)),
            ("zk_packets_received", s.PacketsReceived.ToString(CultureInfo.InvariantCulture)),
            ("zk_packets_sent", s.PacketsSent.ToString(CultureInfo.InvariantCulture)),
            ("zk_num_alive_connections", s.Connections.Count.ToString(CultureInfo.InvariantCulture)),
            ("zk_outstanding_requests", s.OutstandingRequests.ToString(CultureInfo.InvariantCulture)),
            ("zk_uptime", ((long)s.Uptime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
            ("zk_znode_count", s.NodeCount.ToString(CultureInfo.InvariantCulture)),
            ("zk_watch_count", s.Watches.TotalWatches.ToString(CultureInfo.InvariantCulture)),
            ("zk_ephemerals_count", s.EphemeralCount.ToString(CultureInfo.InvariantCulture)),
            ("zk_approximate_data_size", s.ApproximateDataSize.ToString(CultureInfo.InvariantCulture)),
            ("zk_global_sessions", s.SessionCount.ToString(CultureInfo.InvariantCulture)),
            ("zk_local_sessions", "0"),
            ("zk_last_zxid", "0x" + s.LastZxid.ToString("x", CultureInfo.InvariantCulture)),
        };
        var text = new StringBuilder();
        foreach (var (key, value) in lines)
            text.Append(key).Append('\t').Append(value).Append('\n');
        return text.ToString();
    }

    private static string Conf(MemberStatus s)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in s.Configuration)
            text.Append(key).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    private static string Cons(MemberStatus s)
    {
        var text = new StringBuilder();
        foreach (var c in s.Connections)
        {
            text.Append(' ').Append(BriefConnection(c))
                .Append(",sid=0x").Append(c.SessionId.ToString("x", CultureInfo.InvariantCulture))
                .Append(",lop=").Append(c.LastOperation)
                .Append(",est=").Append(c.EstablishedMs)
                .Append(",to=").Append(c.SessionTimeoutMs)
                .Append(",lcxid=0x").Append(c.LastCxid.ToString("x", CultureInfo.InvariantCulture))
                .Append(",lzxid=0x").Append(c.LastZxid.ToString("x", CultureInfo.InvariantCulture))
                .Append(",lresp=").Append(c.LastResponseMs)
                .Append(",llat=").Append(c.Latency.Last)
                .Append(",minlat=").Append(c.Latency.Min)
                .Append(",avglat=").Append(JavaDouble(c.Latency.Average))
                .Append(",maxlat=").Append(c.Latency.Max)
                .Append(")\n");
        }
        text.Append('\n');
        return text.ToString();
    }

    private static string BriefConnection(ConnectionStatus c) =>
        $"/{c.RemoteEndPoint}[1](queued={c.Queued},recved={c.Received},sent={c.Sent}";

    private static string Wchs(MemberStatus s) =>
        $"{s.Watches.ConnectionsWatching} connections watching {s.Watches.PathsWatched} paths\nTotal watches:{s.Watches.TotalWatches}\n";

    private static string Envi(MemberStatus s)
    {
        var text = new StringBuilder("Environment:\n");
        text.Append("zookeeper.version=").Append(s.Version).Append('\n');
        foreach (var (key, value) in s.Environment)
            text.Append(key).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>Java prints doubles with at least one decimal ("0.0", "0.5"); tools expect that shape.</summary>
    private static string JavaDouble(double value)
    {
        var text = Math.Round(value, 4).ToString("0.0###", CultureInfo.InvariantCulture);
        return text;
    }
}
