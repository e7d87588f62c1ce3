using System.Text;
using Coordinator.Client.Api;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>One-shot watches as callbacks, persistent watches as async streams, and event-before-reply ordering.</summary>
public abstract class WatchTests(IServerUnderTest target)
{
    [Fact]
    public async Task A_data_watch_fires_once_and_before_the_reply_to_the_change_that_fired_it()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("data-watch");
        await client.CreateAsync(p);
        var events = new List<WatchedEvent>();
        await client.GetDataAsync(p, e => events.Add(e));

        await client.SetDataAsync(p, [1]);
        // The reply to setData follows the event on the wire, so the callback has already run.
        var fired = Assert.Single(events);
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, p), fired);

        await client.SetDataAsync(p, [2]);
        Assert.Single(events);
    }

    [Fact]
    public async Task An_exists_watch_on_a_missing_node_reports_its_creation()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("exists-watch");
        var created = new TaskCompletionSource<WatchedEvent>();

        Assert.Null(await client.ExistsAsync(p, e => created.TrySetResult(e)));
        await client.CreateAsync(p);

        Assert.Equal(EventType.NodeCreated, (await created.Task.Within()).Type);
    }

    [Fact]
    public async Task A_child_watch_set_by_one_session_sees_a_child_added_by_another()
    {
        await using var watcher = await ClientTesting.ConnectAsync(target);
        await using var writer = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("child-watch");
        await writer.CreateAsync(p);
        var changed = new TaskCompletionSource<WatchedEvent>();

        Assert.Empty((await watcher.GetChildrenAsync(p, e => changed.TrySetResult(e))).Children);
        await writer.CreateAsync(p + "/kid");

        Assert.Equal(new WatchedEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, p), await changed.Task.Within());
    }

    [Fact]
    public async Task A_persistent_recursive_stream_yields_every_change_below_it_in_order()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("recursive");
        await client.CreateAsync(p);
        await using var stream = await client.WatchAsync(p, AddWatchMode.PersistentRecursive);

        await client.CreateAsync(p + "/a");
        await client.CreateAsync(p + "/a/b");
        await client.SetDataAsync(p + "/a/b", [1]);
        await client.DeleteAsync(p + "/a/b");

        var seen = await stream.Take(4).ToListAsync().AsTask().Within();
        Assert.Equal(
            [
                new WatchedEvent(EventType.NodeCreated, KeeperState.SyncConnected, p + "/a"),
                new WatchedEvent(EventType.NodeCreated, KeeperState.SyncConnected, p + "/a/b"),
                new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, p + "/a/b"),
                new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, p + "/a/b"),
            ],
            seen);
    }

    [Fact]
    public async Task A_persistent_watch_keeps_firing_until_its_stream_is_disposed()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("persistent");
        await client.CreateAsync(p);
        var stream = await client.WatchAsync(p);

        await client.SetDataAsync(p, Encoding.UTF8.GetBytes("1"));
        await client.SetDataAsync(p, Encoding.UTF8.GetBytes("2"));
        var seen = await stream.Take(2).ToListAsync().AsTask().Within();
        Assert.All(seen, e => Assert.Equal(EventType.NodeDataChanged, e.Type));

        await stream.DisposeAsync();
        // The server no longer holds any watch of this session on the path.
        await Assert.ThrowsAsync<NoWatcherException>(() => client.RemoveWatchesAsync(p, WatcherType.Any));
    }

    [Fact]
    public async Task Removing_watches_stops_their_callbacks()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("remove");
        await client.CreateAsync(p);
        var fired = 0;
        await client.GetDataAsync(p, _ => fired++);

        await client.RemoveWatchesAsync(p, WatcherType.Data);
        await client.SetDataAsync(p, [1]);

        Assert.Equal(0, fired);
        await Assert.ThrowsAsync<NoWatcherException>(() => client.RemoveWatchesAsync(p, WatcherType.Data));
    }
}

[Trait("Category", "Interop")]
public sealed class WatchTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : WatchTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class WatchTests_Coordinator(CoordinatorServer server)
    : WatchTests(server), IClassFixture<CoordinatorServer>;
