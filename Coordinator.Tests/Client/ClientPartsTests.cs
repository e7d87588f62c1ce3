using Coordinator.Client.Api;
using Coordinator.Client.Connection;
using Coordinator.Client.Watches;
using Coordinator.Protocol;

namespace Coordinator.Tests.Client;

/// <summary>The client's server-free parts: connection strings, chroot mapping and the watch registry.</summary>
public sealed class ClientPartsTests
{
    [Fact]
    public void A_connection_string_yields_its_servers_default_ports_and_chroot()
    {
        var parsed = ConnectionString.Parse("zk1:2181, zk2 ,10.0.0.3:2888/apps/billing");

        Assert.Equal(["zk1:2181", "zk2:2181", "10.0.0.3:2888"], parsed.Servers.Select(s => $"{s.Host}:{s.Port}"));
        Assert.Equal("/apps/billing", parsed.Chroot);
        Assert.Null(ConnectionString.Parse("zk1:2181/").Chroot);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/chroot-only")]
    [InlineData("zk1:notaport")]
    [InlineData("zk1:2181/trailing/")]
    public void A_bad_connection_string_is_rejected_with_a_clear_error(string value) =>
        Assert.ThrowsAny<ArgumentException>(() => ConnectionString.Parse(value));

    [Fact]
    public void A_chroot_prefixes_outgoing_paths_and_strips_incoming_ones()
    {
        var chroot = new Chroot("/app");

        Assert.Equal("/app", chroot.ToServer("/"));
        Assert.Equal("/app/x", chroot.ToServer("/x"));
        Assert.Equal("/", chroot.ToClient("/app"));
        Assert.Equal("/x/y", chroot.ToClient("/app/x/y"));
        Assert.Equal("/application", chroot.ToClient("/application"));
        Assert.Throws<ArgumentException>(() => chroot.ToServer("relative"));
    }

    [Fact]
    public void One_shot_watches_fire_once_and_persistent_ones_keep_firing()
    {
        var registry = new WatchRegistry();
        var fired = new List<string>();
        Action<WatchedEvent> data = _ => fired.Add("data"), child = _ => fired.Add("child"), persistent = _ => fired.Add("persistent");
        registry.Add(WatchKind.Data, "/a", data);
        registry.Add(WatchKind.Child, "/a", child);
        registry.Add(WatchKind.Persistent, "/a", persistent);

        Assert.Equal([data, persistent], registry.Materialize(EventType.NodeDataChanged, "/a"));
        Assert.Equal([persistent], registry.Materialize(EventType.NodeDataChanged, "/a"));
        Assert.Equal([child, persistent], registry.Materialize(EventType.NodeDeleted, "/a"));
        Assert.Equal(["/a"], registry.Snapshot()[WatchKind.Persistent]);
        Assert.Empty(registry.Snapshot()[WatchKind.Child]);
    }

    [Fact]
    public void Recursive_watches_see_descendants_but_not_child_list_changes()
    {
        var registry = new WatchRegistry();
        Action<WatchedEvent> recursive = _ => { };
        registry.Add(WatchKind.PersistentRecursive, "/", recursive);

        Assert.Equal([recursive], registry.Materialize(EventType.NodeCreated, "/a/b/c"));
        Assert.Empty(registry.Materialize(EventType.NodeChildrenChanged, "/a"));
    }

    [Fact]
    public void A_callback_registered_for_data_and_exists_fires_once_per_event()
    {
        var registry = new WatchRegistry();
        Action<WatchedEvent> both = _ => { };
        registry.Add(WatchKind.Data, "/n", both);
        registry.Add(WatchKind.Exist, "/n", both);

        Assert.Equal([both], registry.Materialize(EventType.NodeCreated, "/n"));
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public void Watches_are_re_set_in_batches_below_the_size_bound_and_persistent_ones_need_set_watches_2()
    {
        var many = Enumerable.Range(0, 3000).Select(i => $"/{new string('x', 100)}/{i}").ToArray();
        var watches = Enum.GetValues<WatchKind>().ToDictionary(k => k, _ => Array.Empty<string>());
        watches[WatchKind.Data] = many;

        var requests = WatchReRegistration.Requests(watches, lastZxid: 9).ToArray();

        Assert.True(requests.Length > 1);
        Assert.All(requests, r => Assert.Equal(OpCode.SetWatches, r.Type));
        var batches = requests.Select(r => (Coordinator.Protocol.Records.SetWatches)r.Request).ToArray();
        Assert.All(batches, b => Assert.True(b.DataWatches.Sum(p => p.Length) <= WatchReRegistration.MaxPathCharsPerRequest));
        Assert.Equal(many, batches.SelectMany(b => b.DataWatches));
        Assert.All(batches, b => Assert.Equal(9, b.RelativeZxid));

        watches[WatchKind.Data] = [];
        watches[WatchKind.PersistentRecursive] = ["/tree"];
        Assert.Equal(OpCode.SetWatches2, Assert.Single(WatchReRegistration.Requests(watches, 9)).Type);
    }

    [Fact]
    public async Task The_dispatch_loop_runs_items_one_at_a_time_in_post_order_and_survives_a_failing_callback()
    {
        var failures = new List<Exception>();
        var dispatcher = new EventDispatcher(failures.Add);
        var ran = new List<int>();
        var running = 0;
        var overlapped = false;

        for (var i = 0; i < 1000; i++)
        {
            var item = i;
            dispatcher.Post(() =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                ran.Add(item);
                Interlocked.Decrement(ref running);
                if (item == 500)
                    throw new InvalidOperationException("callback bug");
            });
        }

        await dispatcher.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 1000), ran);
        Assert.False(overlapped);
        Assert.Equal("callback bug", Assert.Single(failures).Message);
    }
}
