using Coordinator.Actors.Auth;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Prep;

public sealed class ReadOpsTests
{
    private const long Connection = 7;
    private static readonly Id Bob = new("digest", DigestAuth.GenerateDigest("bob:pw"));
    private static readonly IReadOnlyList<Id> Anyone = [new Id("ip", "10.0.0.9")];
    private static readonly IReadOnlyList<Id> BobIds = [new Id("ip", "10.0.0.1"), Bob];

    private readonly StandaloneWriter _writer = new();
    private readonly WatchTable _watches = new();
    private readonly ReadOps _reads;

    public ReadOpsTests()
    {
        _reads = new ReadOps(_writer.Tree, _watches);
        _writer.Create("/open", data: [1]);
        _writer.Create("/open/a");
        _writer.Create("/open/a/b");
        _writer.Create("/secret");
        _writer.Write(OpCode.SetAcl, new SetACLRequest("/secret", [new Acl(Perms.All, Bob)], -1));
    }

    [Fact]
    public void Exists_registers_a_watch_even_for_a_missing_node()
    {
        var reply = _reads.Exists(new ExistsRequest("/later", Watch: true), Connection, Anyone);

        Assert.Equal(ReadReply.Fail(ErrorCode.NoNode), reply);
        Assert.Equal(WatchMode.Standard, _watches.DataWatchMode(Connection, "/later"));
    }

    [Fact]
    public void Exists_refuses_nul_and_unreadable_nodes_without_a_watch()
    {
        Assert.Equal(ErrorCode.BadArguments, _reads.Exists(new ExistsRequest("/a\u0000", true), Connection, Anyone).Error);
        Assert.Equal(ErrorCode.NoAuth, _reads.Exists(new ExistsRequest("/secret", true), Connection, Anyone).Error);
        Assert.Equal(new WatchStats(0, 0, 0), _watches.Stats);
        Assert.Equal(ErrorCode.Ok, _reads.Exists(new ExistsRequest("/secret", true), Connection, BobIds).Error);
    }

    [Fact]
    public void GetData_and_getChildren_answer_no_node_before_no_auth_and_leave_no_watch_on_failure()
    {
        Assert.Equal(ErrorCode.NoNode, _reads.GetData(new GetDataRequest("/missing", true), Connection, Anyone).Error);
        Assert.Equal(ErrorCode.NoAuth, _reads.GetData(new GetDataRequest("/secret", true), Connection, Anyone).Error);
        Assert.Equal(ErrorCode.NoNode, _reads.GetChildren(new GetChildrenRequest("/open/", true), Connection, Anyone).Error);
        Assert.Equal(ErrorCode.NoAuth, _reads.GetChildren2(new GetChildren2Request("/secret", true), Connection, Anyone).Error);
        Assert.Equal(new WatchStats(0, 0, 0), _watches.Stats);
    }

    [Fact]
    public void GetData_returns_data_and_stat_and_registers_a_data_watch()
    {
        var reply = _reads.GetData(new GetDataRequest("/open", true), Connection, Anyone);

        var response = Assert.IsType<GetDataResponse>(reply.Response);
        Assert.Equal([1], response.Data);
        Assert.Equal(_writer.Tree.GetNode("/open")!.Stat, response.Stat);
        Assert.Equal(WatchMode.Standard, _watches.DataWatchMode(Connection, "/open"));
    }

    [Fact]
    public void GetChildren2_returns_the_children_and_the_parents_stat_and_registers_a_child_watch()
    {
        var reply = _reads.GetChildren2(new GetChildren2Request("/", true), Connection, Anyone);

        var response = Assert.IsType<GetChildren2Response>(reply.Response);
        Assert.Equal(["open", "secret", "zookeeper"], response.Children.Order(StringComparer.Ordinal));
        Assert.Equal(_writer.Tree.GetNode("/")!.Stat, response.Stat);
        Assert.Equal(WatchMode.Standard, _watches.ChildWatchMode(Connection, "/"));
    }

    [Fact]
    public void GetAcl_needs_read_or_admin_and_masks_digest_ids_without_admin()
    {
        _writer.Create("/shared");
        _writer.Write(OpCode.SetAcl, new SetACLRequest("/shared", [new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, Bob)], -1));

        var masked = Assert.IsType<GetACLResponse>(_reads.GetAcl(new GetACLRequest("/shared"), Anyone).Response);
        var full = Assert.IsType<GetACLResponse>(_reads.GetAcl(new GetACLRequest("/shared"), BobIds).Response);

        Assert.Equal([new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, new Id("digest", "bob:x"))], masked.Acl);
        Assert.Equal([new Acl(Perms.Read, Id.Anyone), new Acl(Perms.All, Bob)], full.Acl);
        Assert.Equal(ErrorCode.NoAuth, _reads.GetAcl(new GetACLRequest("/secret"), Anyone).Error);
        Assert.Equal(ErrorCode.NoNode, _reads.GetAcl(new GetACLRequest("/missing"), Anyone).Error);
    }

    [Fact]
    public void GetAllChildrenNumber_counts_descendants_with_read_permission()
    {
        Assert.Equal(new GetAllChildrenNumberResponse(2), _reads.GetAllChildrenNumber(new GetAllChildrenNumberRequest("/open"), Anyone).Response);
        Assert.Equal(new GetAllChildrenNumberResponse(7), _reads.GetAllChildrenNumber(new GetAllChildrenNumberRequest("/"), Anyone).Response);
        Assert.Equal(ErrorCode.NoAuth, _reads.GetAllChildrenNumber(new GetAllChildrenNumberRequest("/secret"), Anyone).Error);
        Assert.Equal(new GetAllChildrenNumberResponse(0), _reads.GetAllChildrenNumber(new GetAllChildrenNumberRequest("/secret"), BobIds).Response);
        Assert.Equal(ErrorCode.NoNode, _reads.GetAllChildrenNumber(new GetAllChildrenNumberRequest("/missing"), Anyone).Error);
    }

    [Fact]
    public void GetEphemerals_lists_the_calling_sessions_nodes_by_plain_prefix()
    {
        _writer.Create("/open/e", CreateMode.Ephemeral);
        _writer.Create("/opener", CreateMode.Ephemeral);

        var reply = _reads.GetEphemerals(new GetEphemeralsRequest("/open"), StandaloneWriter.Session);

        Assert.Equal(["/open/e", "/opener"], Assert.IsType<GetEphemeralsResponse>(reply.Response).Ephemerals);
        Assert.Empty(Assert.IsType<GetEphemeralsResponse>(_reads.GetEphemerals(new GetEphemeralsRequest("/"), 0x999).Response).Ephemerals);
    }

    [Fact]
    public void MultiRead_runs_every_op_independently_and_sets_no_watches()
    {
        var response = _reads.MultiRead(new MultiReadRequest([
            new MultiOp(OpCode.GetData, new GetDataRequest("/missing", true)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/open", true)),
            new MultiOp(OpCode.GetData, new GetDataRequest("/secret", true)),
        ]), Anyone);

        Assert.Equal([(OpCode.Error, ErrorCode.NoNode), (OpCode.GetChildren, ErrorCode.Ok), (OpCode.Error, ErrorCode.NoAuth)],
            response.Results.Select(r => (r.Type, r.Err)));
        Assert.Equal(new WatchStats(0, 0, 0), _watches.Stats);
    }

    [Fact]
    public void GetChildren_answers_the_children_as_they_are_after_every_create_and_delete()
    {
        GetChildrenResponse Children() => (GetChildrenResponse)_reads.GetChildren(new GetChildrenRequest("/open", false), Connection, Anyone).Response!;
        Assert.Equal(["a"], Children().Children);

        _writer.Create("/open/c");
        Assert.Equal(["a", "c"], Children().Children.Order());
        Assert.Equal(["a", "c"], Children().Children.Order());

        _writer.Delete("/open/c");
        Assert.Equal(["a"], Children().Children);
    }
}
