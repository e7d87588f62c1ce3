using Coordinator.Bench.Servers;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>Three Apache ZooKeeper 3.8 voting members (QuorumPeerMain) on loopback.</summary>
public sealed class ApacheZooKeeperEnsemble() : EnsembleFixture(ApacheZooKeeperLauncher.Create(), participants: 3, observers: 0)
{
    public override string Kind => "ApacheZooKeeperEnsemble";
}

/// <summary>Three Apache ZooKeeper 3.8 voting members plus two observers (ids 4 and 5).</summary>
public sealed class ApacheZooKeeperEnsembleWithObservers() : EnsembleFixture(ApacheZooKeeperLauncher.Create(), participants: 3, observers: 2)
{
    public override string Kind => "ApacheZooKeeperEnsembleWithObservers";
}

internal static class ApacheZooKeeperLauncher
{
    /// <summary>Small heap and serial GC: several JVMs share a small CI machine.</summary>
    public static readonly IReadOnlyList<string> TestJvmOptions = ["-Xms32m", "-Xmx256m", "-XX:+UseSerialGC"];

    /// <summary>Fails with an install hint if Debian's ZooKeeper is missing.</summary>
    public static IMemberLauncher Create()
    {
        InteropEnvironment.RequireZooKeeper();
        return new ZooKeeperMemberLauncher(TestJvmOptions);
    }
}
