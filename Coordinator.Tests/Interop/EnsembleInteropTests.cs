using Coordinator.Client.Api;
using Coordinator.Tests.Interop.Clients;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Interop;

/// <summary>
/// A three-member target seen through zkCli and the admin words: one leader, writes replicated to
/// every member, and a quorum that survives losing its leader.
/// </summary>
public abstract class EnsembleInteropTests(IEnsembleUnderTest target)
{
    private static string UniquePath(string name) => $"/ensemble-{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Exactly_one_member_leads_and_a_write_is_readable_through_every_member()
    {
        var p = UniquePath("replicated");
        var ensemble = target.Ensemble;

        var modes = await Task.WhenAll(ensemble.Members.Select(m => ensemble.ModeAsync(m.Id)));
        var write = await ZkCli.RunAsync(ensemble.ConnectStringOf([ensemble.Members[0].Id]), [$"create {p} everywhere"]);
        // sync first: a follower may serve reads from slightly behind the leader otherwise.
        var reads = await Task.WhenAll(ensemble.Members.Select(m => ZkCli.RunAsync(ensemble.ConnectStringOf([m.Id]), [$"sync {p}", $"get {p}"])));

        Assert.Equal(["follower", "follower", "leader"], modes.Order());
        Assert.Equal([$"Created {p}"], write.Errors);
        Assert.All(reads, read => Assert.Contains("everywhere", read.Output));
    }

    [Fact]
    public async Task Quorum_keeps_serving_without_its_leader_and_the_restarted_member_catches_up()
    {
        var p = UniquePath("failover");
        var ensemble = target.Ensemble;
        var leader = await ensemble.WaitForLeaderAsync();
        var survivors = ensemble.Participants.Where(id => id != leader).ToArray();

        ensemble.KillMember(leader);
        await ensemble.WaitForLeaderAsync();
        var write = await ZkCli.RunAsync(ensemble.ConnectStringOf(survivors), [$"create {p} after-failover", $"set {p} v1"]);
        await ensemble.StartMemberAsync(leader);
        var read = await ZkCli.RunAsync(ensemble.ConnectStringOf([leader]), [$"sync {p}", $"get -s {p}"]);

        Assert.Equal([$"Created {p}"], write.Errors);
        Assert.Contains("v1", read.Output);
        Assert.Equal("1", Assert.Single(read.Stats())["dataVersion"]);
    }

    [Fact]
    public async Task ZkCli_and_the_node_client_on_a_follower_see_a_write_made_through_the_leader_once_synced()
    {
        var p = UniquePath("follower-read");
        var ensemble = target.Ensemble;
        var leader = await ensemble.WaitForLeaderAsync();
        var follower = ensemble.Participants.First(id => id != leader);

        await using (var writer = await CoordinatorClient.ConnectAsync(ensemble.ConnectStringOf([leader]), TimeSpan.FromSeconds(10)))
            await writer.CreateAsync(p, "through-the-leader"u8.ToArray());
        var cli = await ZkCli.RunAsync(ensemble.ConnectStringOf([follower]), [$"sync {p}", $"get {p}"]);
        // node-zookeeper-client has no sync; zkCli's sync above has already brought the follower up to the write.
        var node = await NodeClient.RunAsync("get.js", ensemble.ConnectStringOf([follower]), p);
        var followerMode = await ensemble.ModeAsync(follower);

        Assert.Equal("follower", followerMode);
        Assert.Equal(["Sync is OK", "through-the-leader"], cli.Output);
        node.AssertCompleted();
        Assert.Equal("through-the-leader", (string?)node.Step("get")["data"]);
    }
}

[Trait("Category", "Interop")]
public sealed class EnsembleInteropTests_ApacheZooKeeper(ApacheZooKeeperEnsemble ensemble)
    : EnsembleInteropTests(ensemble), IClassFixture<ApacheZooKeeperEnsemble>;

[Trait("Category", "Interop")]
public sealed class EnsembleInteropTests_Coordinator(CoordinatorEnsemble ensemble)
    : EnsembleInteropTests(ensemble), IClassFixture<CoordinatorEnsemble>;
