using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Ensemble;

/// <summary>
/// Crashes under load against a three-member ensemble of real processes: a client writes continuously
/// with every member in its connection string, members are SIGKILLed, and every write the ensemble
/// acknowledged must be readable through every member afterwards. Each test leaves all members running.
/// </summary>
public abstract class EnsembleFailoverTests(IEnsembleUnderTest target)
{
    /// <summary>Enough acknowledged writes to be sure the client is writing steadily, few enough to take well under a second.</summary>
    private const int Batch = 20;

    private static string UniquePath(string name) => $"/failover-{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Writes_resume_under_a_new_leader_after_the_leader_is_killed_and_none_acknowledged_is_lost()
    {
        var ensemble = target.Ensemble;
        var basePath = UniquePath("leader-kill");
        await using var writer = await ContinuousWriter.StartAsync(ensemble.ConnectString, basePath);
        await writer.WhenAcknowledgedAsync(Batch);

        var oldLeader = await ensemble.WaitForLeaderAsync();
        ensemble.KillMember(oldLeader);
        var newLeader = await ensemble.WaitForLeaderAsync();
        await writer.WhenAcknowledgedAsync(writer.Count + Batch);
        var rejoinedAs = await ensemble.StartMemberAsync(oldLeader);
        await writer.WhenAcknowledgedAsync(writer.Count + Batch);
        var acknowledged = await writer.StopAsync();
        var missing = await ReadBack.MissingAsync(ensemble, basePath, acknowledged);

        Assert.NotEqual(oldLeader, newLeader);
        Assert.Equal("follower", rejoinedAs);
        Assert.All(missing, m => Assert.True(m.Value.Length == 0,
            $"member {m.Key} lacks {m.Value.Length} of {acknowledged.Count} acknowledged writes, first {m.Value.FirstOrDefault()}"));
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_all_members_being_killed_mid_writes_and_restarted()
    {
        var ensemble = target.Ensemble;
        var basePath = UniquePath("all-killed");
        await using var writer = await ContinuousWriter.StartAsync(ensemble.ConnectString, basePath);
        await writer.WhenAcknowledgedAsync(Batch);

        ensemble.KillAll();
        var acknowledged = await writer.StopAsync();
        await ensemble.StartAllAsync();
        var missing = await ReadBack.MissingAsync(ensemble, basePath, acknowledged);

        Assert.True(acknowledged.Count >= Batch);
        Assert.All(missing, m => Assert.True(m.Value.Length == 0,
            $"member {m.Key} lacks {m.Value.Length} of {acknowledged.Count} acknowledged writes, first {m.Value.FirstOrDefault()}"));
    }
}

[Trait("Category", "Interop")]
public sealed class EnsembleFailoverTests_ApacheZooKeeper(ApacheZooKeeperEnsemble ensemble)
    : EnsembleFailoverTests(ensemble), IClassFixture<ApacheZooKeeperEnsemble>;

[Trait("Category", "Interop")]
public sealed class EnsembleFailoverTests_Coordinator(CoordinatorEnsemble ensemble)
    : EnsembleFailoverTests(ensemble), IClassFixture<CoordinatorEnsemble>;
