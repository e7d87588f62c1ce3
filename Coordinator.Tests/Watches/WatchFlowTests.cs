using Coordinator.Actors.Tree;
using Coordinator.Actors.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Prep;

namespace Coordinator.Tests.Watches;

/// <summary>Writes go through prep and apply; their triggers go through the watch table (wire doc 8.3).</summary>
public sealed class WatchFlowTests
{
    private const long Watcher = 9;
    private readonly StandaloneWriter _writer = new();
    private readonly WatchTable _watches = new();

    private IReadOnlyList<WatchedEvent> Fire(ApplyResult applied) =>
        _watches.Trigger(applied.Triggers).Select(d => d.Event).ToList();

    [Fact]
    public void A_session_close_fires_node_deleted_and_the_parents_children_changed()
    {
        _writer.Create("/group");
        _writer.Create("/group/member", CreateMode.Ephemeral);
        _watches.AddDataWatch(Watcher, "/group/member");
        _watches.AddChildWatch(Watcher + 1, "/group");

        var events = _watches.Trigger(_writer.CloseSession().Triggers);

        Assert.Equal(
            [new WatchDelivery(Watcher, new WatchedEvent(EventType.NodeDeleted, "/group/member")),
             new WatchDelivery(Watcher + 1, new WatchedEvent(EventType.NodeChildrenChanged, "/group"))],
            events);
    }

    [Fact]
    public void A_multi_fires_each_ops_events_in_op_order_and_a_failed_multi_fires_none()
    {
        _writer.Create("/a");
        _watches.AddPersistentWatch(Watcher, "/", AddWatchMode.PersistentRecursive);
        var multi = new MultiRequest([
            new MultiOp(OpCode.Create, new CreateRequest("/a/b", [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.SetData, new SetDataRequest("/a", [1], -1)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/a/b", -1)),
        ]);

        var events = Fire(_writer.Write(OpCode.Multi, multi));

        Assert.Equal(
            [new WatchedEvent(EventType.NodeCreated, "/a/b"), new WatchedEvent(EventType.NodeDataChanged, "/a"), new WatchedEvent(EventType.NodeDeleted, "/a/b")],
            events);
        var failing = new MultiRequest([
            new MultiOp(OpCode.SetData, new SetDataRequest("/a", [2], -1)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/missing", -1)),
        ]);
        Assert.Empty(Fire(_writer.Write(OpCode.Multi, failing)));
    }

    [Fact]
    public void SetAcl_and_failed_writes_fire_nothing()
    {
        _writer.Create("/a");
        _watches.AddDataWatch(Watcher, "/a");
        _watches.AddChildWatch(Watcher, "/");

        Assert.Empty(Fire(_writer.Write(OpCode.SetAcl, new SetACLRequest("/a", Acls.ReadAclUnsafe, -1))));
        Assert.Empty(Fire(_writer.Write(OpCode.Create, new CreateRequest("/a", [], Acls.OpenAclUnsafe, 0))));
        Assert.Equal(WatchMode.Standard, _watches.DataWatchMode(Watcher, "/a"));
    }

    [Fact]
    public void A_persistent_watch_on_a_deleted_node_fires_again_when_it_comes_back()
    {
        _writer.Create("/lock");
        _watches.AddPersistentWatch(Watcher, "/lock", AddWatchMode.Persistent);

        var deleted = Fire(_writer.Write(OpCode.Delete, new DeleteRequest("/lock", -1)));
        var created = Fire(_writer.Write(OpCode.Create, new CreateRequest("/lock", [], Acls.OpenAclUnsafe, 0)));

        Assert.Equal([new WatchedEvent(EventType.NodeDeleted, "/lock")], deleted);
        Assert.Equal([new WatchedEvent(EventType.NodeCreated, "/lock")], created);
    }
}
