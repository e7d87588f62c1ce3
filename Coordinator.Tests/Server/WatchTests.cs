using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Server.Support;
using static Coordinator.Tests.Server.Support.WireOps;

namespace Coordinator.Tests.Server;

/// <summary>Watch delivery and ordering on the wire, against both servers.</summary>
public abstract class WatchTests(IServerUnderTest target) : ServerTestBase(target)
{
    [Fact]
    public async Task A_watcher_that_writes_receives_the_event_before_the_reply_of_its_own_write()
    {
        var client = await ConnectAsync();
        var path = UniquePath("self");
        await client.CreateAsync(path, Utf8("a"));
        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync(path, watch: true)).Err);

        var reply = await client.SetDataAsync(path, Utf8("b"));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var changed = Assert.Single(client.Events);
        Assert.Equal((EventType.NodeDataChanged, path), (changed.Type, changed.Path));
        Assert.True(changed.ArrivalIndex < reply.ArrivalIndex, "the event must arrive before the setData reply");
    }

    [Fact]
    public async Task A_child_watch_fires_NodeChildrenChanged_once_when_another_session_creates_a_child()
    {
        var watcher = await ConnectAsync();
        var writer = await ConnectAsync();
        var parent = UniquePath("parent");
        await writer.CreateAsync(parent);
        Assert.Equal(ErrorCode.Ok, (await watcher.GetChildrenAsync(parent, watch: true)).Err);

        await writer.CreateAsync(parent + "/a");
        await writer.CreateAsync(parent + "/b");

        var fired = await watcher.EventAsync(EventType.NodeChildrenChanged, parent);
        Assert.Equal(KeeperState.SyncConnected, fired.Event.State);
        await watcher.ExistsAsync(parent); // a round trip: anything else triggered would have arrived by now
        Assert.Single(watcher.Events);
    }

    [Fact]
    public async Task An_exists_watch_on_a_missing_node_fires_NodeCreated()
    {
        var watcher = await ConnectAsync();
        var writer = await ConnectAsync();
        var path = UniquePath("later");
        Assert.Equal(ErrorCode.NoNode, (await watcher.ExistsAsync(path, watch: true)).Err);

        await writer.CreateAsync(path);

        await watcher.EventAsync(EventType.NodeCreated, path);
    }

    [Fact]
    public async Task A_persistent_recursive_watch_reports_every_descendant_change_and_never_NodeChildrenChanged()
    {
        var watcher = await ConnectAsync();
        var writer = await ConnectAsync();
        var root = UniquePath("recursive");
        await writer.CreateAsync(root);
        var added = await watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest(root, AddWatchMode.PersistentRecursive));
        Assert.Equal(ErrorCode.Ok, added.Err);

        await writer.CreateAsync(root + "/a");
        await writer.CreateAsync(root + "/a/b");
        await writer.SetDataAsync(root + "/a/b", Utf8("1"));
        await writer.SetDataAsync(root + "/a/b", Utf8("2"));
        await writer.DeleteAsync(root + "/a/b");
        await writer.SetDataAsync(root, Utf8("last"));
        await watcher.EventAsync(EventType.NodeDataChanged, root);

        Assert.Equal(
            [
                (EventType.NodeCreated, root + "/a"),
                (EventType.NodeCreated, root + "/a/b"),
                (EventType.NodeDataChanged, root + "/a/b"),
                (EventType.NodeDataChanged, root + "/a/b"),
                (EventType.NodeDeleted, root + "/a/b"),
                (EventType.NodeDataChanged, root),
            ],
            watcher.Events.Select(e => (e.Type, e.Path)));
    }

    [Fact]
    public async Task Checking_or_removing_a_watch_that_is_not_there_answers_NoWatcher()
    {
        var client = await ConnectAsync();
        var path = UniquePath("unwatched");
        await client.CreateAsync(path);

        Assert.Equal(ErrorCode.NoWatcher, (await client.CallAsync(OpCode.CheckWatches, new CheckWatchesRequest(path, WatcherType.Data))).Err);
        Assert.Equal(ErrorCode.NoWatcher, (await client.CallAsync(OpCode.RemoveWatches, new RemoveWatchesRequest(path, WatcherType.Any))).Err);

        await client.GetDataAsync(path, watch: true);
        Assert.Equal(ErrorCode.Ok, (await client.CallAsync(OpCode.CheckWatches, new CheckWatchesRequest(path, WatcherType.Data))).Err);
        Assert.Equal(ErrorCode.Ok, (await client.CallAsync(OpCode.RemoveWatches, new RemoveWatchesRequest(path, WatcherType.Data))).Err);
        Assert.Equal(ErrorCode.NoWatcher, (await client.CallAsync(OpCode.CheckWatches, new CheckWatchesRequest(path, WatcherType.Data))).Err);
    }

    [Fact]
    public async Task SetWatches_on_a_new_connection_delivers_the_missed_events_before_its_reply_and_keeps_the_rest()
    {
        var writer = await ConnectAsync();
        var root = UniquePath("catchup");
        await writer.CreateAsync(root);
        await writer.CreateAsync(root + "/changed", Utf8("0"));
        await writer.CreateAsync(root + "/gone");
        await writer.CreateAsync(root + "/parent");
        var seen = await writer.CreateAsync(root + "/unchanged");
        var relativeZxid = seen.Header.Zxid;

        await writer.SetDataAsync(root + "/changed", Utf8("1"));
        await writer.DeleteAsync(root + "/gone");
        await writer.CreateAsync(root + "/born");
        await writer.CreateAsync(root + "/parent/child");

        var resumed = await ConnectAsync();
        var call = await resumed.SendAsync(Xids.SetWatches, OpCode.SetWatches, new SetWatches(
            relativeZxid,
            DataWatches: [root + "/changed", root + "/gone", root + "/unchanged"],
            ExistWatches: [root + "/born"],
            ChildWatches: [root + "/parent"]));
        var reply = await resumed.ReplyTo(call);

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var caughtUp = resumed.Events;
        Assert.Equal(
            new HashSet<(EventType, string)>
            {
                (EventType.NodeDataChanged, root + "/changed"),
                (EventType.NodeDeleted, root + "/gone"),
                (EventType.NodeCreated, root + "/born"),
                (EventType.NodeChildrenChanged, root + "/parent"),
            },
            caughtUp.Select(e => (e.Type, e.Path)).ToHashSet());
        Assert.Equal(4, caughtUp.Count);
        Assert.All(caughtUp, e => Assert.True(e.ArrivalIndex < reply.ArrivalIndex, $"{e.Type} {e.Path} arrived after the reply"));

        await writer.SetDataAsync(root + "/unchanged", Utf8("now"));
        await resumed.EventAsync(EventType.NodeDataChanged, root + "/unchanged");
    }
}

[Trait("Category", "Interop")]
public sealed class WatchTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : WatchTests(server), IClassFixture<ApacheZooKeeperServer>;

public sealed class WatchTests_Coordinator(CoordinatorServer server)
    : WatchTests(server), IClassFixture<CoordinatorServer>;
