using System.Text;
using Coordinator.Client.Admin;
using Coordinator.Client.Api;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Microsoft.Extensions.Logging;

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

    [Fact]
    public async Task A_client_whose_member_stops_moves_to_another_with_its_session_and_ephemerals()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3);
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        var follower = ensemble.Ids.First(id => id != leader);
        var other = ensemble.Ids.First(id => id != leader && id != follower);
        await using var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(follower, other), SessionTimeout);
        await client.CreateAsync("/mine", null, CreateMode.Ephemeral);
        var sessionId = client.SessionId;
        var connectedTo = (await ensemble.StatusAsync(follower)).Connections.Any(c => c.SessionId == sessionId) ? follower : other;

        await ensemble.StopAsync(connectedTo);
        await client.SetDataAsync("/mine", Encoding.UTF8.GetBytes("still here"));

        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal("still here", Encoding.UTF8.GetString((await client.GetDataAsync("/mine")).Data!));
    }

    [Fact]
    public async Task The_leader_expires_the_session_of_a_client_whose_member_died_and_its_ephemerals_go()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3);
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        var follower = ensemble.Ids.First(id => id != leader);
        await using var watcher = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(leader), SessionTimeout);
        var stranded = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(follower), TimeSpan.FromSeconds(1));
        await stranded.CreateAsync("/stranded", null, CreateMode.Ephemeral);
        var deleted = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await watcher.SyncAsync("/");
        Assert.NotNull(await watcher.ExistsAsync("/stranded", e => deleted.TrySetResult(e)));

        await ensemble.StopAsync(follower);

        var gone = await deleted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(EventType.NodeDeleted, gone.Type);
        await stranded.DisposeAsync();
    }

    [Fact]
    public async Task Observers_serve_reads_and_writes_and_never_count_toward_the_quorum()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3, observers: 2);
        ensemble.Start();
        await ensemble.AwaitServingAsync();
        await using (var onObserver = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(4), SessionTimeout))
        {
            await onObserver.CreateAsync("/from-an-observer", Encoding.UTF8.GetBytes("o"));
            Assert.Equal("o", Encoding.UTF8.GetString((await onObserver.GetDataAsync("/from-an-observer")).Data!));
            Assert.Equal("observer", (await ensemble.StatusAsync(4)).Mode);
        }

        await ensemble.StopAsync(4);
        await ensemble.StopAsync(5);
        await using (var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(1, 2, 3), SessionTimeout))
            await client.CreateAsync("/observers-down");

        ensemble.Start(4, 5);
        var leader = await ensemble.AwaitServingAsync();
        foreach (var participant in ensemble.Ids.Where(id => id <= 3 && id != leader).ToList())
            await ensemble.StopAsync(participant);
        await StartupPollUntilNotServing(ensemble, 4);
        await Assert.ThrowsAsync<ConnectionLossException>(() => CoordinatorClient.ConnectAsync(ensemble.ConnectString(4, 5), TimeSpan.FromSeconds(1)));
        var port = ensemble.ClientPortOf(4);
        Assert.Equal("This ZooKeeper instance is not currently serving requests\n",
            await FourLetterWordClient.AskAsync("127.0.0.1", port, "srvr", TimeSpan.FromSeconds(5)));
        Assert.Contains("zk_server_state\tlooking\n", await FourLetterWordClient.AskAsync("127.0.0.1", port, "mntr", TimeSpan.FromSeconds(5)));
    }

    private static Task StartupPollUntilNotServing(InProcessEnsemble ensemble, int id) =>
        Interop.Servers.StartupPoll.UntilAsync(async () => !(await ensemble.StatusAsync(id)).Serving, () => $"member {id} still serves");

    [Fact]
    public async Task A_member_that_fell_behind_the_leaders_snapshots_is_sent_one_and_catches_up_with_every_write()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3, extraConfig: "coordinator.member.snapshot.snap-count = 20");

        var behind = await RejoinAfterMissingWritesAsync(ensemble);

        Assert.Contains(ensemble.LogOf(behind).Lines, InstalledASnapshot);
        await AssertHasEveryMissedWriteAsync(ensemble, behind);
    }

    [Fact]
    public async Task A_member_behind_is_sent_a_diff_read_back_from_the_leaders_journal_when_no_txn_stays_in_memory()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3, extraConfig: "coordinator.member.journal.memory-tail = 0");

        var behind = await RejoinAfterMissingWritesAsync(ensemble);

        Assert.DoesNotContain(ensemble.LogOf(behind).Lines, InstalledASnapshot);
        await AssertHasEveryMissedWriteAsync(ensemble, behind);
    }

    private const int MissedWrites = 100;

    private static bool InstalledASnapshot((LogLevel Level, EventId Event, string Message) line) =>
        line.Message.StartsWith("Installed the leader's snapshot", StringComparison.Ordinal);

    /// <summary>Stops a follower, writes <see cref="MissedWrites"/> nodes without it, restarts it; returns its id once all serve.</summary>
    private static async Task<int> RejoinAfterMissingWritesAsync(InProcessEnsemble ensemble)
    {
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        var behind = ensemble.Ids.First(id => id != leader);
        await ensemble.StopAsync(behind);
        var others = ensemble.Ids.Where(id => id != behind).ToArray();
        await using (var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(others), SessionTimeout))
            for (var i = 0; i < MissedWrites; i++) await client.CreateAsync($"/while-away-{i}", Encoding.UTF8.GetBytes($"{i}"));

        ensemble.Start(behind);
        await ensemble.AwaitServingAsync();
        return behind;
    }

    private static async Task AssertHasEveryMissedWriteAsync(InProcessEnsemble ensemble, int id)
    {
        await using var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(id), SessionTimeout);
        await client.SyncAsync("/");
        for (var i = 0; i < MissedWrites; i++)
            Assert.Equal($"{i}", Encoding.UTF8.GetString((await client.GetDataAsync($"/while-away-{i}")).Data!));
    }

    [Fact]
    public async Task The_zookeeper_config_node_lists_the_ensemble_as_ZooKeeper_writes_it()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3, observers: 1);
        ensemble.Start();
        await ensemble.AwaitServingAsync();
        await using var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(1), SessionTimeout);

        var lines = Encoding.UTF8.GetString((await client.GetDataAsync("/zookeeper/config")).Data!).Split('\n');

        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^server\.1=127\.0\.0\.1:40001:41001:participant;127\.0\.0\.1:\d+$", lines[0]);
        Assert.Matches(@"^server\.4=127\.0\.0\.1:40004:41004:observer;127\.0\.0\.1:\d+$", lines[3]);
        Assert.Equal("version=0", lines[4]);
    }

    [Fact]
    public async Task A_leader_cut_off_with_an_uncommitted_write_truncates_it_when_it_rejoins()
    {
        await using var ensemble = new InProcessEnsemble(participants: 3);
        ensemble.Start();
        var leader = await ensemble.AwaitServingAsync();
        await using (var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(), SessionTimeout))
            await client.CreateAsync("/committed");
        await using var onLeader = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(leader), SessionTimeout);
        await onLeader.SyncAsync("/");

        ensemble.Switchboard.Hold(leader);
        await Assert.ThrowsAsync<ConnectionLossException>(() => onLeader.CreateAsync("/never-committed"));
        var others = ensemble.Ids.Where(id => id != leader).ToArray();
        await ensemble.AwaitServingAsync(others);
        await using (var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(others), SessionTimeout))
            await client.CreateAsync("/after-the-cut");
        ensemble.Switchboard.DropHeld(leader);
        await ensemble.AwaitServingAsync();

        Assert.Contains(ensemble.LogOf(leader).Lines, line => line.Message.StartsWith("Log truncated after", StringComparison.Ordinal));
        await using var rejoined = await CoordinatorClient.ConnectAsync(ensemble.ConnectString(leader), SessionTimeout);
        await rejoined.SyncAsync("/");
        Assert.NotNull(await rejoined.ExistsAsync("/committed"));
        Assert.NotNull(await rejoined.ExistsAsync("/after-the-cut"));
        Assert.Null(await rejoined.ExistsAsync("/never-committed"));
    }
}
