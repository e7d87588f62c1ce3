namespace Coordinator.Bench.Servers;

/// <summary>An Apache ZooKeeper 3.8 quorum member (QuorumPeerMain) with a static server list; observers carry <c>peerType=observer</c>.</summary>
/// <param name="jvmOptions">Extra java options, e.g. a small heap when several ensembles share a test machine; none for benchmarks (as Debian ships it).</param>
public sealed class ZooKeeperMemberLauncher(IReadOnlyList<string>? jvmOptions = null) : IMemberLauncher
{
    public string Server => "ZooKeeper";

    public ServerProcess Start(IReadOnlyList<EnsembleMember> members, EnsembleMember member, string memberDirectory)
    {
        var dataDir = Directory.CreateDirectory(Path.Combine(memberDirectory, "data")).FullName;
        File.WriteAllText(Path.Combine(dataDir, "myid"), $"{member.Id}\n");
        var servers = members.Select(m => $"server.{m.Id}=127.0.0.1:{m.QuorumPort}:{m.ElectionPort}" + (m.IsObserver ? ":observer" : ""));
        List<string> quorum = ["initLimit=10", "syncLimit=5", .. servers];
        if (member.IsObserver)
            quorum.Add("peerType=observer");
        var config = ZooKeeperConfig.Write(memberDirectory, dataDir, member.ClientPort, quorum);
        return ZooKeeperConfig.StartJvm($"zookeeper-{member.Id}", "org.apache.zookeeper.server.quorum.QuorumPeerMain", config,
            memberDirectory, jvmOptions);
    }
}
