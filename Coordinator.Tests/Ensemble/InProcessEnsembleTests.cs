using System.Text;
using Coordinator.Client.Api;
using Coordinator.Protocol;

namespace Coordinator.Tests.Ensemble;

/// <summary>Whole members (storage, sessions, client ports) in one process, peers linked in memory.</summary>
public sealed class InProcessEnsembleTests
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Three_members_elect_one_leader_and_a_write_through_a_follower_is_read_on_every_member()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3);
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        var follower = ensemble.Ids.First(id => id != leader);

        await using (var writer = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(follower), SessionTimeout))
            await writer.CreateAsync("/written-on-a-follower", Encoding.UTF8.GetBytes("hello"));

        foreach (var id in ensemble.Ids)
        {
            await using var reader = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(id), SessionTimeout);
            await reader.SyncAsync("/");
            var data = await reader.GetDataAsync("/written-on-a-follower");
            Assert.Equal("hello", Encoding.UTF8.GetString(data.Data!));
        }
    }

    [Fact]
    public async Task When_the_leader_stops_a_new_one_is_elected_and_acknowledged_writes_survive_its_return()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3);
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        await using (var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(), SessionTimeout))
            for (var i = 0; i < 20; i++) await client.CreateAsync($"/before-{i}");

        await ensemble.StopAsync(leader);
        var next = await ensemble.AwaitServingAsync();
        Assert.NotEqual(leader, next);
        var survivors = ensemble.Ids.Where(id => id != leader).ToArray();
        await using (var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(survivors), SessionTimeout))
            for (var i = 0; i < 20; i++) await client.CreateAsync($"/after-{i}");

        ensemble.Start(leader);
        await ensemble.AwaitServingAsync();
        await using var onOldLeader = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(leader), SessionTimeout);
        await onOldLeader.SyncAsync("/");
        var children = (await onOldLeader.GetChildrenAsync("/")).Children;
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains($"before-{i}", children);
            Assert.Contains($"after-{i}", children);
        }
    }

    [Fact]
    public async Task An_ephemeral_node_of_a_client_on_a_follower_goes_when_its_session_closes_everywhere()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3);
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        var follower = ensemble.Ids.First(id => id != leader);
        await using var watcher = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(leader), SessionTimeout);

        var owner = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(follower), SessionTimeout);
        await owner.CreateAsync("/owned", null, CreateMode.Ephemeral);
        await watcher.SyncAsync("/");
        Assert.NotNull(await watcher.ExistsAsync("/owned"));
        await owner.DisposeAsync();

        await watcher.SyncAsync("/");
        Assert.Null(await watcher.ExistsAsync("/owned"));
    }
}
