using Coordinator.Client.Admin;
using System.Net;
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

    private static string ConnectString(params IPEndPoint[] members) =>
        string.Join(',', members.Select(e => $"{e.Address}:{e.Port}"));

    private async Task<string[]> ModesAsync() =>
        await Task.WhenAll(target.ClientEndpoints.Select(async e =>
        {
            var srvr = await FourLetterWordClient.AskAsync(e.Address.ToString(), e.Port, "srvr", TimeSpan.FromSeconds(5));
            return srvr.Split('\n').Single(l => l.StartsWith("Mode: ", StringComparison.Ordinal))["Mode: ".Length..];
        }));

    [Fact]
    public async Task Exactly_one_member_leads_and_a_write_is_readable_through_every_member()
    {
        var p = UniquePath("replicated");
        var members = target.ClientEndpoints;

        var modes = await ModesAsync();
        var write = await ZkCli.RunAsync(ConnectString(members[0]), [$"create {p} everywhere"]);
        // sync first: a follower may serve reads from slightly behind the leader otherwise.
        var reads = await Task.WhenAll(members.Select(m => ZkCli.RunAsync(ConnectString(m), [$"sync {p}", $"get {p}"])));

        Assert.Equal(["follower", "follower", "leader"], modes.Order());
        Assert.Equal([$"Created {p}"], write.Errors);
        Assert.All(reads, read => Assert.Contains("everywhere", read.Output));
    }

    [Fact]
    public async Task Quorum_keeps_serving_without_its_leader_and_the_restarted_member_catches_up()
    {
        var p = UniquePath("failover");
        var leader = Array.IndexOf(await ModesAsync(), "leader");
        var survivors = target.ClientEndpoints.Where((_, i) => i != leader).ToArray();

        await target.StopMemberAsync(leader);
        var write = await ZkCli.RunAsync(ConnectString(survivors), [$"create {p} after-failover", $"set {p} v1"]);
        await target.StartMemberAsync(leader);
        var read = await ZkCli.RunAsync(ConnectString(target.ClientEndpoints[leader]), [$"sync {p}", $"get -s {p}"]);

        Assert.Equal([$"Created {p}"], write.Errors);
        Assert.Contains("v1", read.Output);
        Assert.Equal("1", Assert.Single(read.Stats())["dataVersion"]);
    }
}

[Trait("Category", "Interop")]
public sealed class EnsembleInteropTests_ApacheZooKeeper(ApacheZooKeeperEnsemble ensemble)
    : EnsembleInteropTests(ensemble), IClassFixture<ApacheZooKeeperEnsemble>;
