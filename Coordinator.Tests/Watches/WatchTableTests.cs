using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Actors.Watches;
using Coordinator.Protocol;

namespace Coordinator.Tests.Watches;

public sealed class WatchTableTests
{
    private const long A = 1;
    private const long B = 2;
    private const long C = 3;

    private static IEnumerable<(long, EventType, string)> Fired(IEnumerable<WatchDelivery> deliveries) =>
        deliveries.Select(d => (d.WatcherId, d.Event.Type, d.Event.Path));

    [Fact]
    public void Create_fires_node_created_to_data_watchers_and_children_changed_to_parent_child_watchers()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/p/c");
        table.AddChildWatch(B, "/p");
        table.AddChildWatch(C, "/p/c");

        var fired = table.Trigger([
            new WatchTrigger("/p/c", EventType.NodeCreated, Acls.OpenAclUnsafe),
            new WatchTrigger("/p", EventType.NodeChildrenChanged, Acls.OpenAclUnsafe),
        ]);

        Assert.Equal([(A, EventType.NodeCreated, "/p/c"), (B, EventType.NodeChildrenChanged, "/p")], Fired(fired));
        Assert.Equal(WatchMode.Standard, table.ChildWatchMode(C, "/p/c"));
    }

    [Fact]
    public void Connections_without_read_on_the_governing_acl_get_nothing_but_lose_their_standard_watch()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/secret");
        table.AddDataWatch(B, "/secret");
        var bob = new Id("digest", "bob:hash");
        IReadOnlyList<Id> IdentitiesOf(long watcher) => watcher == A ? [bob] : [new Id("ip", "10.0.0.1")];

        var fired = table.Trigger([new WatchTrigger("/secret", EventType.NodeDataChanged, [new Acl(Perms.Read, bob)])], IdentitiesOf);

        Assert.Equal([(A, EventType.NodeDataChanged, "/secret")], Fired(fired));
        Assert.Null(table.DataWatchMode(B, "/secret"));
    }

    [Fact]
    public void Standard_watches_fire_once()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");

        Assert.Single(table.Trigger("/a", EventType.NodeDataChanged));
        Assert.Empty(table.Trigger("/a", EventType.NodeDataChanged));
        Assert.Equal(new WatchStats(0, 0, 0), table.Stats);
    }

    [Fact]
    public void Delete_sends_one_event_per_connection_even_with_data_and_child_watches_and_consumes_both()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddChildWatch(A, "/a");
        table.AddChildWatch(B, "/a");

        var fired = table.Trigger("/a", EventType.NodeDeleted);

        Assert.Equal([(A, EventType.NodeDeleted, "/a"), (B, EventType.NodeDeleted, "/a")], Fired(fired));
        Assert.Null(table.DataWatchMode(A, "/a"));
        Assert.Null(table.ChildWatchMode(A, "/a"));
    }

    [Fact]
    public void SetData_fires_data_watchers_only()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddChildWatch(B, "/a");

        Assert.Equal([(A, EventType.NodeDataChanged, "/a")], Fired(table.Trigger("/a", EventType.NodeDataChanged)));
    }

    [Fact]
    public void A_persistent_watch_stays_and_sees_its_own_path_and_children_but_not_grandchildren()
    {
        var table = new WatchTable();
        table.AddPersistentWatch(A, "/p", AddWatchMode.Persistent);

        Assert.Single(table.Trigger("/p", EventType.NodeCreated));
        Assert.Single(table.Trigger("/p", EventType.NodeDataChanged));
        Assert.Single(table.Trigger("/p", EventType.NodeChildrenChanged));
        Assert.Empty(table.Trigger("/p/c", EventType.NodeCreated));
        Assert.Empty(table.Trigger("/p/c", EventType.NodeDataChanged));
        Assert.Single(table.Trigger("/p", EventType.NodeDeleted));
        Assert.Single(table.Trigger("/p", EventType.NodeCreated));
        Assert.Equal(WatchMode.Persistent, table.DataWatchMode(A, "/p"));
        Assert.Equal(WatchMode.Persistent, table.ChildWatchMode(A, "/p"));
    }

    [Fact]
    public void A_recursive_watch_sees_the_subtree_but_never_children_changed()
    {
        var table = new WatchTable();
        table.AddPersistentWatch(A, "/p", AddWatchMode.PersistentRecursive);

        Assert.Equal([(A, EventType.NodeCreated, "/p/c/d")], Fired(table.Trigger("/p/c/d", EventType.NodeCreated)));
        Assert.Single(table.Trigger("/p/c", EventType.NodeDataChanged));
        Assert.Single(table.Trigger("/p/c", EventType.NodeDeleted));
        Assert.Single(table.Trigger("/p", EventType.NodeDataChanged));
        Assert.Empty(table.Trigger("/p", EventType.NodeChildrenChanged));
        Assert.Empty(table.Trigger("/p/c", EventType.NodeChildrenChanged));
        Assert.Empty(table.Trigger("/q", EventType.NodeCreated));
        Assert.Empty(table.Trigger("/pp", EventType.NodeCreated));
        Assert.Null(table.ChildWatchMode(A, "/p"));
    }

    [Fact]
    public void A_recursive_watch_on_root_sees_every_node()
    {
        var table = new WatchTable();
        table.AddPersistentWatch(A, "/", AddWatchMode.PersistentRecursive);

        Assert.Single(table.Trigger("/x/y", EventType.NodeDeleted));
    }

    [Fact]
    public void A_connection_with_standard_and_recursive_watches_gets_one_event_and_loses_only_the_standard_one()
    {
        var table = new WatchTable();
        table.AddPersistentWatch(A, "/p", AddWatchMode.PersistentRecursive);
        table.AddDataWatch(A, "/p/c");

        Assert.Single(table.Trigger("/p/c", EventType.NodeDataChanged));
        Assert.Null(table.DataWatchMode(A, "/p/c"));
        Assert.Equal(WatchMode.PersistentRecursive, table.DataWatchMode(A, "/p"));
    }

    [Fact]
    public void Registering_a_second_mode_on_a_path_replaces_the_first_as_in_3_8()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddPersistentWatch(A, "/a", AddWatchMode.Persistent);

        table.Trigger("/a", EventType.NodeDataChanged);

        Assert.Equal(WatchMode.Persistent, table.DataWatchMode(A, "/a"));
        table.AddDataWatch(A, "/a");
        table.Trigger("/a", EventType.NodeDataChanged);
        Assert.Null(table.DataWatchMode(A, "/a"));
    }

    [Fact]
    public void Closing_a_connection_drops_all_its_watches_only()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddChildWatch(A, "/b");
        table.AddPersistentWatch(A, "/", AddWatchMode.PersistentRecursive);
        table.AddDataWatch(B, "/a");

        table.RemoveWatcher(A);

        Assert.Equal([(B, EventType.NodeDataChanged, "/a")], Fired(table.Trigger("/a", EventType.NodeDataChanged)));
        Assert.Empty(table.Trigger("/b", EventType.NodeChildrenChanged));
        Assert.Equal(new WatchStats(0, 0, 0), table.Stats);
    }

    [Fact]
    public void Check_watches_answers_no_watcher_unless_the_connection_has_that_kind()
    {
        var table = new WatchTable();
        table.AddChildWatch(A, "/a");

        Assert.Equal(ErrorCode.Ok, table.CheckWatches("/a", WatcherType.Children, A));
        Assert.Equal(ErrorCode.Ok, table.CheckWatches("/a", WatcherType.Any, A));
        Assert.Equal(ErrorCode.NoWatcher, table.CheckWatches("/a", WatcherType.Data, A));
        Assert.Equal(ErrorCode.NoWatcher, table.CheckWatches("/a", WatcherType.Children, B));
        Assert.Equal(ErrorCode.NoWatcher, table.CheckWatches("/b", WatcherType.Any, A));
        Assert.Equal(WatchMode.Standard, table.ChildWatchMode(A, "/a"));
    }

    [Fact]
    public void Remove_watches_removes_the_named_kind_and_answers_no_watcher_when_nothing_matched()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddChildWatch(A, "/a");

        Assert.Equal(ErrorCode.Ok, table.RemoveWatches("/a", WatcherType.Data, A));
        Assert.Equal(ErrorCode.NoWatcher, table.RemoveWatches("/a", WatcherType.Data, A));
        Assert.Equal(WatchMode.Standard, table.ChildWatchMode(A, "/a"));
        Assert.Equal(ErrorCode.Ok, table.RemoveWatches("/a", WatcherType.Any, A));
        Assert.Equal(ErrorCode.NoWatcher, table.RemoveWatches("/a", WatcherType.Any, A));
    }

    [Fact]
    public void An_undefined_watcher_type_is_a_marshalling_error()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");

        Assert.Equal(ErrorCode.MarshallingError, table.CheckWatches("/a", (WatcherType)9, A));
        Assert.Equal(ErrorCode.MarshallingError, table.RemoveWatches("/a", (WatcherType)0, A));
        Assert.Equal(WatchMode.Standard, table.DataWatchMode(A, "/a"));
    }

    [Fact]
    public void Remove_watches_with_any_removes_persistent_watches_from_both_tables()
    {
        var table = new WatchTable();
        table.AddPersistentWatch(A, "/a", AddWatchMode.Persistent);

        Assert.Equal(ErrorCode.Ok, table.RemoveWatches("/a", WatcherType.Any, A));

        Assert.Empty(table.Trigger("/a", EventType.NodeDeleted));
    }

    [Fact]
    public void Remove_watches_with_a_persistent_type_matches_only_that_mode()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddPersistentWatch(A, "/r", AddWatchMode.PersistentRecursive);

        Assert.Equal(ErrorCode.NoWatcher, table.RemoveWatches("/a", WatcherType.Persistent, A));
        Assert.Equal(ErrorCode.NoWatcher, table.RemoveWatches("/r", WatcherType.Persistent, A));
        Assert.Equal(ErrorCode.Ok, table.RemoveWatches("/r", WatcherType.PersistentRecursive, A));
        Assert.Empty(table.Trigger("/r/x", EventType.NodeCreated));
    }

    [Fact]
    public void Stats_count_connections_paths_and_watches_across_both_tables()
    {
        var table = new WatchTable();
        table.AddDataWatch(A, "/a");
        table.AddChildWatch(A, "/a");
        table.AddDataWatch(B, "/b");
        table.AddPersistentWatch(C, "/c", AddWatchMode.Persistent);

        Assert.Equal(new WatchStats(3, 3, 3), table.DataStats);
        Assert.Equal(new WatchStats(2, 2, 2), table.ChildStats);
        Assert.Equal(new WatchStats(3, 3, 5), table.Stats);
    }

    private static DataTree TreeAtZxid10()
    {
        // /old: created and changed at zxid 2; /changed: data changed at 11; /kids: child added at 12.
        var tree = new DataTree();
        void Apply(long zxid, Txn txn) => tree.Apply(new TxnHeader(1, 0, zxid, zxid), txn);
        Apply(2, new CreateTxn("/old", [], Acls.OpenAclUnsafe, 0, 1));
        Apply(3, new CreateTxn("/changed", [], Acls.OpenAclUnsafe, 0, 2));
        Apply(4, new CreateTxn("/kids", [], Acls.OpenAclUnsafe, 0, 3));
        Apply(11, new SetDataTxn("/changed", [1], 1));
        Apply(12, new CreateTxn("/kids/k", [], Acls.OpenAclUnsafe, 0, 1));
        return tree;
    }

    [Fact]
    public void SetWatches_data_list_sends_deleted_or_data_changed_or_registers()
    {
        var table = new WatchTable();

        var events = table.SetWatches(A, relativeZxid: 10, TreeAtZxid10(),
            dataWatches: ["/gone", "/changed", "/old", "/kids"], existWatches: [], childWatches: []);

        Assert.Equal(
            [new WatchedEvent(EventType.NodeDeleted, "/gone"), new WatchedEvent(EventType.NodeDataChanged, "/changed")],
            events);
        Assert.Equal(WatchMode.Standard, table.DataWatchMode(A, "/old"));
        Assert.Equal(WatchMode.Standard, table.DataWatchMode(A, "/kids"));
        Assert.Null(table.DataWatchMode(A, "/gone"));
        Assert.Null(table.DataWatchMode(A, "/changed"));
    }

    [Fact]
    public void SetWatches_exist_list_registers_for_missing_nodes_and_sends_created_for_any_existing_node()
    {
        var table = new WatchTable();

        var events = table.SetWatches(A, relativeZxid: 10, TreeAtZxid10(),
            dataWatches: [], existWatches: ["/gone", "/old"], childWatches: []);

        Assert.Equal([new WatchedEvent(EventType.NodeCreated, "/old")], events);
        Assert.Equal(WatchMode.Standard, table.DataWatchMode(A, "/gone"));
        Assert.Null(table.DataWatchMode(A, "/old"));
    }

    [Fact]
    public void SetWatches_child_list_sends_deleted_or_children_changed_by_pzxid_or_registers()
    {
        var table = new WatchTable();

        var events = table.SetWatches(A, relativeZxid: 10, TreeAtZxid10(),
            dataWatches: [], existWatches: [], childWatches: ["/gone", "/kids", "/changed"]);

        Assert.Equal(
            [new WatchedEvent(EventType.NodeDeleted, "/gone"), new WatchedEvent(EventType.NodeChildrenChanged, "/kids")],
            events);
        Assert.Equal(WatchMode.Standard, table.ChildWatchMode(A, "/changed"));
        Assert.Null(table.ChildWatchMode(A, "/kids"));
    }

    [Fact]
    public void SetWatches2_registers_persistent_watches_without_catch_up_events()
    {
        var table = new WatchTable();

        var events = table.SetWatches(A, relativeZxid: 0, TreeAtZxid10(), [], [], [],
            persistentWatches: ["/gone", "/changed"], persistentRecursiveWatches: ["/kids"]);

        Assert.Empty(events);
        Assert.Equal(WatchMode.Persistent, table.DataWatchMode(A, "/gone"));
        Assert.Equal(WatchMode.Persistent, table.ChildWatchMode(A, "/changed"));
        Assert.Equal(WatchMode.PersistentRecursive, table.DataWatchMode(A, "/kids"));
        Assert.Null(table.ChildWatchMode(A, "/kids"));
    }

    [Fact]
    public void Every_event_carries_sync_connected() =>
        Assert.Equal(KeeperState.SyncConnected, new WatchedEvent(EventType.NodeCreated, "/a").State);
}
