using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;

namespace Coordinator.Tests.Tree;

public sealed class DataTreeTests
{
    private const long Session = 0x42;

    private static ApplyResult Apply(DataTree tree, long zxid, Txn txn, long session = Session) =>
        tree.Apply(new TxnHeader(session, 0, zxid, zxid * 1000), txn);

    private static CreateTxn Create(DataTree tree, string path, long owner = 0, byte[]? data = null) =>
        new(path, data ?? [], Acls.OpenAclUnsafe, owner, tree.GetNode(ZPath.Parent(path))!.ChildCreates + 1);

    [Fact]
    public void A_fresh_tree_is_ZooKeepers_initial_tree()
    {
        var tree = new DataTree();

        var root = tree.GetNode("/")!;
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0), root.Stat);
        Assert.Equal(Acls.OpenAclUnsafe, root.Acl);
        Assert.Equal(["zookeeper"], root.Children);
        var zookeeper = tree.GetNode("/zookeeper")!;
        Assert.Equal(-2, zookeeper.Stat.Cversion);
        Assert.Equal(["config", "quota"], zookeeper.Children.Order());
        Assert.Equal(Acls.OpenAclUnsafe, tree.GetNode("/zookeeper/quota")!.Acl);
        var config = tree.GetNode("/zookeeper/config")!;
        Assert.Equal(Acls.ReadAclUnsafe, config.Acl);
        Assert.Equal(-1, config.Stat.Aversion);
        Assert.Equal(0, config.Stat.DataLength);
        Assert.Equal(4, tree.NodeCount);
        Assert.Equal(5, tree.ZooKeeperNodeCount);
        Assert.Equal(3, tree.AllChildrenNumber("/"));
        Assert.Equal(0L, tree.LastZxid);
    }

    [Fact]
    public void Create_sets_every_stat_field_of_the_new_node_from_the_header()
    {
        var tree = new DataTree();

        var result = Apply(tree, 5, Create(tree, "/a", data: [1, 2, 3]));

        var expected = new Stat(Czxid: 5, Mzxid: 5, Ctime: 5000, Mtime: 5000, Version: 0, Cversion: 0, Aversion: 0,
            EphemeralOwner: 0, DataLength: 3, NumChildren: 0, Pzxid: 5);
        Assert.Equal(expected, tree.GetNode("/a")!.Stat);
        Assert.Equal(OpResult.Ok("/a", expected), result.Single);
        Assert.Equal(5L, tree.LastZxid);
    }

    [Fact]
    public void A_child_create_moves_parent_cversion_numChildren_and_pzxid_but_not_mzxid_mtime_or_version()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/p"));
        var before = tree.GetNode("/p")!.Stat;

        Apply(tree, 2, Create(tree, "/p/c"));

        var after = tree.GetNode("/p")!.Stat;
        Assert.Equal(before with { Cversion = 1, NumChildren = 1, Pzxid = 2 }, after);
    }

    [Fact]
    public void A_child_delete_moves_parent_cversion_numChildren_and_pzxid_only()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/p"));
        Apply(tree, 2, Create(tree, "/p/c"));
        var before = tree.GetNode("/p")!.Stat;

        Apply(tree, 3, new DeleteTxn("/p/c"));

        Assert.Equal(before with { Cversion = 2, NumChildren = 0, Pzxid = 3 }, tree.GetNode("/p")!.Stat);
    }

    [Fact]
    public void SetData_bumps_version_mzxid_mtime_and_length_even_for_identical_bytes()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/a", data: [7]));
        var before = tree.GetNode("/a")!.Stat;

        var result = Apply(tree, 2, new SetDataTxn("/a", [7], 1));

        var expected = before with { Version = 1, Mzxid = 2, Mtime = 2000 };
        Assert.Equal(expected, tree.GetNode("/a")!.Stat);
        Assert.Equal(expected, result.Single.Stat);
        Assert.Equal([new WatchTrigger("/a", EventType.NodeDataChanged, Acls.OpenAclUnsafe)], result.Triggers);
    }

    [Fact]
    public void SetAcl_changes_only_aversion_and_fires_nothing()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/a"));
        var before = tree.GetNode("/a")!.Stat;

        var result = Apply(tree, 2, new SetAclTxn("/a", Acls.ReadAclUnsafe, 1));

        Assert.Equal(before with { Aversion = 1 }, tree.GetNode("/a")!.Stat);
        Assert.Equal(Acls.ReadAclUnsafe, tree.GetNode("/a")!.Acl);
        Assert.Empty(result.Triggers);
    }

    [Fact]
    public void The_first_user_create_under_root_makes_its_cversion_read_zero()
    {
        var tree = new DataTree();

        Apply(tree, 1, Create(tree, "/a"));

        Assert.Equal(0, tree.GetNode("/")!.Stat.Cversion);
        Assert.Equal(1, tree.GetNode("/")!.ChildCreates);
    }

    [Fact]
    public void Create_fires_node_created_then_parent_children_changed()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/p"));

        var result = Apply(tree, 2, Create(tree, "/p/c"));

        Assert.Equal(
            [(EventType.NodeCreated, "/p/c", WatchTables.Data), (EventType.NodeChildrenChanged, "/p", WatchTables.Child)],
            result.Triggers.Select(t => (t.Type, t.Path, t.Tables)));
    }

    [Fact]
    public void Delete_fires_node_deleted_to_both_tables_then_parent_children_changed_with_the_governing_acls()
    {
        var tree = new DataTree();
        Apply(tree, 1, new CreateTxn("/p", [], Acls.ReadAclUnsafe, 0, 1));
        Apply(tree, 2, new CreateTxn("/p/c", [], Acls.CreatorAllAcl, 0, 1));

        var result = Apply(tree, 3, new DeleteTxn("/p/c"));

        Assert.Equal(
            [
                new WatchTrigger("/p/c", EventType.NodeDeleted, Acls.CreatorAllAcl),
                new WatchTrigger("/p", EventType.NodeChildrenChanged, Acls.ReadAclUnsafe),
            ],
            result.Triggers);
        Assert.Equal(WatchTables.Data | WatchTables.Child, result.Triggers[0].Tables);
    }

    [Fact]
    public void Apply_reports_inconsistent_txns_without_changing_the_tree()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/a"));
        Apply(tree, 2, Create(tree, "/a/b"));
        var digest = tree.Digest();

        Assert.Equal(ErrorCode.NodeExists, Apply(tree, 3, Create(tree, "/a")).Single.Error);
        Assert.Equal(ErrorCode.NoNode, Apply(tree, 4, new CreateTxn("/x/y", [], Acls.OpenAclUnsafe, 0, 1)).Single.Error);
        Assert.Equal(ErrorCode.NoNode, Apply(tree, 5, new SetDataTxn("/x", [], 1)).Single.Error);
        Assert.Equal(ErrorCode.NotEmpty, Apply(tree, 6, new DeleteTxn("/a")).Single.Error);
        Assert.Equal(digest, tree.Digest());
    }

    [Fact]
    public void Ephemeral_nodes_are_indexed_by_session_and_visible_with_their_owner()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/app"));
        Apply(tree, 2, Create(tree, "/app/e1", owner: Session));
        Apply(tree, 3, Create(tree, "/apple", owner: Session));
        Apply(tree, 4, Create(tree, "/b", owner: Session));
        Apply(tree, 5, Create(tree, "/other", owner: 0x99));

        Assert.Equal(Session, tree.GetNode("/b")!.Stat.EphemeralOwner);
        Assert.Equal(["/app/e1", "/apple", "/b"], tree.GetEphemerals(Session));
        Assert.Equal(["/app/e1", "/apple", "/b"], tree.GetEphemerals(Session, "/"));
        Assert.Equal(["/app/e1", "/apple"], tree.GetEphemerals(Session, "/app"));
        Assert.Equal(["/other"], tree.GetEphemerals(0x99, " "));
        Assert.Empty(tree.GetEphemerals(0x1234));
        Assert.Equal([Session, 0x99L], tree.SessionsWithEphemerals.Order());
    }

    [Fact]
    public void Closing_a_session_deletes_its_ephemerals_as_child_deletes_and_forgets_the_session()
    {
        var tree = new DataTree();
        Apply(tree, 1, new CreateSessionTxn(30000, [1, 2]));
        Apply(tree, 2, Create(tree, "/p"));
        Apply(tree, 3, Create(tree, "/p/e", owner: Session));
        Apply(tree, 4, Create(tree, "/keep", owner: 0x77));
        Assert.True(tree.Sessions.ContainsKey(Session));

        var result = Apply(tree, 5, new CloseSessionTxn(Session, ["/p/e"]));

        Assert.Null(tree.GetNode("/p/e"));
        Assert.NotNull(tree.GetNode("/keep"));
        Assert.Equal(5L, tree.GetNode("/p")!.Pzxid);
        Assert.Equal(2, tree.GetNode("/p")!.Stat.Cversion);
        Assert.Equal([EventType.NodeDeleted, EventType.NodeChildrenChanged], result.Triggers.Select(t => t.Type));
        Assert.False(tree.Sessions.ContainsKey(Session));
        Assert.Empty(tree.GetEphemerals(Session));
    }

    [Fact]
    public void Closing_a_session_also_deletes_ephemerals_prep_did_not_list()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/e1", owner: Session));
        Apply(tree, 2, Create(tree, "/e2", owner: Session));

        Apply(tree, 3, new CloseSessionTxn(Session, ["/e2"]));

        Assert.Null(tree.GetNode("/e1"));
        Assert.Null(tree.GetNode("/e2"));
    }

    [Fact]
    public void Containers_and_ttl_nodes_show_owner_zero_to_clients()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/c", owner: EphemeralOwner.Container));
        Apply(tree, 2, Create(tree, "/t", owner: EphemeralOwner.ForTtl(500)));

        Assert.Equal(0L, tree.GetNode("/c")!.Stat.EphemeralOwner);
        Assert.Equal(0L, tree.GetNode("/t")!.Stat.EphemeralOwner);
        Assert.Equal(long.MinValue, tree.GetNode("/c")!.EphemeralOwner);
        Assert.Equal(unchecked((long)0xFF000000000001F4UL), tree.GetNode("/t")!.EphemeralOwner);
        Assert.Empty(tree.SessionsWithEphemerals);
    }

    [Fact]
    public void The_reaper_takes_empty_used_containers_but_not_never_used_or_non_empty_ones()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/used", owner: EphemeralOwner.Container));
        Apply(tree, 2, Create(tree, "/used/child"));
        Apply(tree, 3, new DeleteTxn("/used/child"));
        Apply(tree, 4, Create(tree, "/never", owner: EphemeralOwner.Container));
        Apply(tree, 5, Create(tree, "/busy", owner: EphemeralOwner.Container));
        Apply(tree, 6, Create(tree, "/busy/child"));

        Assert.Equal(["/used"], tree.ReaperCandidates(nowMs: 1_000_000));
        // Never-used containers only go when the interval is configured and has passed since mtime (4000).
        Assert.Equal(["/used"], tree.ReaperCandidates(nowMs: 5000, maxNeverUsedIntervalMs: 1000));
        Assert.Equal(["/never", "/used"], tree.ReaperCandidates(nowMs: 5001, maxNeverUsedIntervalMs: 1000));
    }

    [Fact]
    public void The_reaper_takes_empty_ttl_nodes_once_their_ttl_has_passed_since_mtime()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/t", owner: EphemeralOwner.ForTtl(500)));
        Apply(tree, 2, Create(tree, "/parent", owner: EphemeralOwner.ForTtl(500)));
        Apply(tree, 3, Create(tree, "/parent/child"));

        Assert.Empty(tree.ReaperCandidates(nowMs: 1500));
        Assert.Equal(["/t"], tree.ReaperCandidates(nowMs: 1501));
        Apply(tree, 4, new SetDataTxn("/t", [], 1));
        Assert.Empty(tree.ReaperCandidates(nowMs: 4500));
    }

    [Fact]
    public void A_container_reaper_delete_is_an_ordinary_delete()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/c", owner: EphemeralOwner.Container));

        var result = Apply(tree, 2, new DeleteContainerTxn("/c"));

        Assert.Null(tree.GetNode("/c"));
        Assert.Equal([EventType.NodeDeleted, EventType.NodeChildrenChanged], result.Triggers.Select(t => t.Type));
        Assert.Empty(tree.ReaperCandidates(nowMs: 100_000));
    }

    [Fact]
    public void A_multi_applies_every_op_and_fires_their_triggers_in_op_order()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/x"));

        var result = Apply(tree, 2, new MultiTxn([
            new CreateTxn("/a", [], Acls.OpenAclUnsafe, 0, 2),
            new CreateTxn("/a/b", [], Acls.OpenAclUnsafe, 0, 1),
            new SetDataTxn("/x", [1], 1),
            new CheckVersionTxn("/x", 1),
            new DeleteTxn("/x"),
        ]));

        Assert.All(result.Results, r => Assert.Equal(ErrorCode.Ok, r.Error));
        Assert.All(result.Results, r => Assert.False(r.IsError));
        Assert.Equal(2L, tree.GetNode("/a/b")!.Czxid);
        Assert.Null(tree.GetNode("/x"));
        Assert.Equal(
            [
                (EventType.NodeCreated, "/a"), (EventType.NodeChildrenChanged, "/"),
                (EventType.NodeCreated, "/a/b"), (EventType.NodeChildrenChanged, "/a"),
                (EventType.NodeDataChanged, "/x"),
                (EventType.NodeDeleted, "/x"), (EventType.NodeChildrenChanged, "/"),
            ],
            result.Triggers.Select(t => (t.Type, t.Path)));
    }

    [Fact]
    public void A_failed_multi_changes_nothing_fires_nothing_and_reports_every_op_as_an_error()
    {
        var tree = new DataTree();
        var digest = tree.Digest();

        var result = Apply(tree, 7, new MultiTxn([
            new ErrorTxn(ErrorCode.Ok),
            new ErrorTxn(ErrorCode.NoNode),
            new ErrorTxn(ErrorCode.RuntimeInconsistency),
        ]));

        Assert.Equal(
            [(ErrorCode.Ok, true), (ErrorCode.NoNode, true), (ErrorCode.RuntimeInconsistency, true)],
            result.Results.Select(r => (r.Error, r.IsError)));
        Assert.Empty(result.Triggers);
        Assert.Equal(digest, tree.Digest());
        Assert.Equal(7L, tree.LastZxid);
    }

    [Fact]
    public void An_error_txn_consumes_its_zxid_but_changes_nothing()
    {
        var tree = new DataTree();
        var digest = tree.Digest();

        var result = Apply(tree, 3, new ErrorTxn(ErrorCode.NodeExists));

        Assert.Equal(OpResult.Failed(ErrorCode.NodeExists), result.Single);
        Assert.Equal(digest, tree.Digest());
        Assert.Equal(3L, tree.LastZxid);
    }

    [Fact]
    public void All_children_number_counts_descendants_not_the_node()
    {
        var tree = new DataTree();
        Apply(tree, 1, Create(tree, "/a"));
        Apply(tree, 2, Create(tree, "/a/b"));
        Apply(tree, 3, Create(tree, "/a/b/c"));
        Apply(tree, 4, Create(tree, "/ab"));

        Assert.Equal(2, tree.AllChildrenNumber("/a"));
        Assert.Equal(0, tree.AllChildrenNumber("/ab"));
        Assert.Equal(7, tree.AllChildrenNumber("/"));
        Assert.Null(tree.AllChildrenNumber("/missing"));
    }

    [Fact]
    public void Approximate_data_size_counts_path_and_data_lengths()
    {
        var tree = new DataTree();
        var fresh = tree.ApproximateDataSize;
        Assert.Equal("/".Length + "/zookeeper".Length + "/zookeeper/quota".Length + "/zookeeper/config".Length, fresh);

        Apply(tree, 1, Create(tree, "/abc", data: new byte[10]));
        Assert.Equal(fresh + 4 + 10, tree.ApproximateDataSize);
        Apply(tree, 2, new SetDataTxn("/abc", new byte[3], 1));
        Assert.Equal(fresh + 4 + 3, tree.ApproximateDataSize);
        Apply(tree, 3, new DeleteTxn("/abc"));
        Assert.Equal(fresh, tree.ApproximateDataSize);
    }
}
