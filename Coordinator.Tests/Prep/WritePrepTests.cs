using Coordinator.Actors.Auth;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Prep;

public sealed class WritePrepTests
{
    private static readonly Id Bob = new("digest", DigestAuth.GenerateDigest("bob:pw"));
    private static readonly PrepCaller BobCaller = new(StandaloneWriter.Session, [Bob]);
    private static readonly PrepCaller Stranger = new(0x200, [new Id("ip", "10.0.0.2")]);
    private static readonly PrepCaller Closing = StandaloneWriter.Anyone with { SessionClosing = true };

    /// <summary>/open (open ACL, one child /open/kid), /bob (Bob only, one child /bob/kid).</summary>
    private static StandaloneWriter Fixture()
    {
        var writer = new StandaloneWriter();
        writer.Create("/open");
        writer.Create("/open/kid");
        writer.Create("/bob", caller: BobCaller);
        writer.Create("/bob/kid", caller: BobCaller);
        writer.Write(OpCode.SetAcl, new SetACLRequest("/bob/kid", [new Acl(Perms.All, Bob)], -1));
        writer.Write(OpCode.SetAcl, new SetACLRequest("/bob", [new Acl(Perms.All, Bob)], -1));
        return writer;
    }

    private static ErrorCode Error(StandaloneWriter writer, OpCode op, ZkRequest request, PrepCaller? caller = null) =>
        writer.Write(op, request, caller).Single.Error;

    [Fact]
    public void Delete_checks_run_in_zookeepers_order()
    {
        var writer = Fixture();
        ErrorCode Delete(string path, int version = -1, PrepCaller? caller = null) =>
            Error(writer, OpCode.Delete, new DeleteRequest(path, version), caller);

        Assert.Equal(ErrorCode.SessionExpired, Delete("nope", caller: Closing));
        Assert.Equal(ErrorCode.BadArguments, Delete("nope"));
        Assert.Equal(ErrorCode.BadArguments, Delete("/a\u0000"));
        foreach (var special in new[] { "/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config" })
        {
            Assert.Equal(ErrorCode.BadArguments, Delete(special));
        }
        Assert.Equal(ErrorCode.NoNode, Delete("/missing/x"));
        Assert.Equal(ErrorCode.NoAuth, Delete("/bob/missing", caller: Stranger));
        Assert.Equal(ErrorCode.NoNode, Delete("/open/missing"));
        // No full validation on delete: a malformed path is just not found.
        Assert.Equal(ErrorCode.NoNode, Delete("/open/"));
        Assert.Equal(ErrorCode.BadVersion, Delete("/open", version: 5));
        Assert.Equal(ErrorCode.NotEmpty, Delete("/open", version: 0));
        Assert.Equal(ErrorCode.Ok, Delete("/bob/kid", caller: BobCaller));
    }

    [Fact]
    public void SetData_checks_run_in_zookeepers_order_and_versions_increase()
    {
        var writer = Fixture();
        ErrorCode SetData(string path, int version = -1, PrepCaller? caller = null) =>
            Error(writer, OpCode.SetData, new SetDataRequest(path, [1], version), caller);

        Assert.Equal(ErrorCode.SessionExpired, SetData("nope", caller: Closing));
        foreach (var bad in new[] { "", "open", "//", "/open/", "/open/.", "/open/..", "/a\u0000" })
        {
            Assert.Equal(ErrorCode.BadArguments, SetData(bad));
        }
        Assert.Equal(ErrorCode.NoNode, SetData("/missing"));
        Assert.Equal(ErrorCode.NoAuth, SetData("/bob", version: 99, caller: Stranger));
        Assert.Equal(ErrorCode.BadVersion, SetData("/open", version: 1));
        Assert.Equal(ErrorCode.Ok, SetData("/open", version: 0));
        Assert.Equal(ErrorCode.Ok, SetData("/open", version: 1));
        Assert.Equal(2, writer.Tree.GetNode("/open")!.Version);
    }

    [Fact]
    public void SetAcl_checks_run_in_zookeepers_order_and_aversion_increases()
    {
        var writer = Fixture();
        ErrorCode SetAcl(string path, IReadOnlyList<Acl> acl, int version = -1, PrepCaller? caller = null) =>
            Error(writer, OpCode.SetAcl, new SetACLRequest(path, acl, version), caller);

        Assert.Equal(ErrorCode.SessionExpired, SetAcl("nope", [], caller: Closing));
        Assert.Equal(ErrorCode.BadArguments, SetAcl("/open/", []));
        Assert.Equal(ErrorCode.InvalidAcl, SetAcl("/missing", []));
        Assert.Equal(ErrorCode.InvalidAcl, SetAcl("/missing", Acls.CreatorAllAcl, caller: Stranger));
        Assert.Equal(ErrorCode.NoNode, SetAcl("/missing", Acls.OpenAclUnsafe));
        Assert.Equal(ErrorCode.NoAuth, SetAcl("/bob", Acls.OpenAclUnsafe, version: 99, caller: Stranger));
        Assert.Equal(ErrorCode.BadVersion, SetAcl("/open", Acls.OpenAclUnsafe, version: 3));
        Assert.Equal(ErrorCode.Ok, SetAcl("/open", Acls.ReadAclUnsafe, version: 0));
        Assert.Equal(1, writer.Tree.GetNode("/open")!.Aversion);
        Assert.Equal(0, writer.Tree.GetNode("/open")!.Version);
    }

    [Fact]
    public void Reconfig_style_writes_to_zookeeper_config_need_super()
    {
        var writer = Fixture();

        Assert.Equal(ErrorCode.NoAuth, Error(writer, OpCode.SetData, new SetDataRequest("/zookeeper/config", [], -1)));
        Assert.Equal(ErrorCode.Ok, Error(writer, OpCode.SetData, new SetDataRequest("/zookeeper/config", [], -1),
            new PrepCaller(1, [new Id("super", "")])));
    }

    private static IReadOnlyList<OpResult> Multi(StandaloneWriter writer, params MultiOp[] ops) =>
        writer.Write(OpCode.Multi, new MultiRequest(ops)).Results;

    private static MultiOp CreateOp(string path, CreateMode mode = CreateMode.Persistent, OpCode op = OpCode.Create) =>
        new(op, new CreateRequest(path, [], Acls.OpenAclUnsafe, (int)mode));

    [Fact]
    public void A_multi_sees_the_tree_as_modified_by_its_earlier_ops()
    {
        var writer = Fixture();

        var results = Multi(writer,
            CreateOp("/m"),
            CreateOp("/m/child"),
            new MultiOp(OpCode.Delete, new DeleteRequest("/m/child", 0)),
            CreateOp("/m/child", CreateMode.Ephemeral),
            CreateOp("/m/s", CreateMode.PersistentSequential, OpCode.Create2),
            CreateOp("/m/s", CreateMode.PersistentSequential),
            new MultiOp(OpCode.SetData, new SetDataRequest("/m", [1], 0)),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/m", 1)));

        Assert.All(results, r => Assert.Equal((ErrorCode.Ok, false), (r.Error, r.IsError)));
        Assert.Equal(["/m", "/m/child", "/m/child", "/m/child", "/m/s0000000002", "/m/s0000000003", "/m", "/m"], results.Select(r => r.Path));
        Assert.Equal(["child", "s0000000002", "s0000000003"], writer.Tree.GetChildren("/m")!.Order(StringComparer.Ordinal));
        Assert.Equal(1, writer.Tree.GetNode("/m")!.Version);
        var zxid = writer.Tree.LastZxid;
        Assert.All(new[] { "/m", "/m/child", "/m/s0000000003" }, p => Assert.Equal(zxid, writer.Tree.GetNode(p)!.Czxid));
        Assert.Equal(0, writer.Prep.Outstanding.Count);
    }

    [Fact]
    public void A_failed_multi_reports_zero_before_the_failure_its_code_then_runtime_inconsistency_and_changes_nothing()
    {
        var writer = Fixture();
        var digest = writer.Tree.Digest();

        var results = Multi(writer,
            CreateOp("/x"),
            new MultiOp(OpCode.SetData, new SetDataRequest("/x", [], 0)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/nope", -1)),
            CreateOp("/y"));

        Assert.Equal(
            [(ErrorCode.Ok, true), (ErrorCode.Ok, true), (ErrorCode.NoNode, true), (ErrorCode.RuntimeInconsistency, true)],
            results.Select(r => (r.Error, r.IsError)));
        Assert.Equal(digest, writer.Tree.Digest());
        Assert.Equal(0, writer.Prep.Outstanding.Count);
    }

    [Fact]
    public void A_failed_multi_rolls_back_its_outstanding_changes_but_keeps_earlier_ones()
    {
        var writer = Fixture();
        var earlier = writer.PrepareOnly(OpCode.Create, new CreateRequest("/pending", [], Acls.OpenAclUnsafe, 0));

        var multi = writer.PrepareOnly(OpCode.Multi, new MultiRequest([
            CreateOp("/pending/a"),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/pending", 7)),
        ]));

        Assert.IsType<CreateTxn>(earlier);
        Assert.Equal([new ErrorTxn(ErrorCode.Ok), new ErrorTxn(ErrorCode.BadVersion)], Assert.IsType<MultiTxn>(multi).Ops);
        var retried = writer.PrepareOnly(OpCode.Create, new CreateRequest("/pending/a", [], Acls.OpenAclUnsafe, 0));
        Assert.Equal("/pending/a", Assert.IsType<CreateTxn>(retried).Path);
        Assert.Equal(new ErrorTxn(ErrorCode.NodeExists), writer.PrepareOnly(OpCode.Create, new CreateRequest("/pending", [], Acls.OpenAclUnsafe, 0)));
    }

    [Fact]
    public void Check_inside_a_multi_validates_path_existence_read_permission_and_version_in_order()
    {
        var writer = Fixture();
        ErrorCode Check(string path, int version, PrepCaller? caller = null) =>
            writer.Write(OpCode.Multi, new MultiRequest([new MultiOp(OpCode.Check, new CheckVersionRequest(path, version))]), caller).Single.Error;

        Assert.Equal(ErrorCode.BadArguments, Check("/open/", 0));
        Assert.Equal(ErrorCode.NoNode, Check("/missing", 0));
        Assert.Equal(ErrorCode.NoAuth, Check("/bob", 99, Stranger));
        Assert.Equal(ErrorCode.BadVersion, Check("/open", 1));
        Assert.Equal(ErrorCode.Ok, Check("/open", 0));
        Assert.Equal(ErrorCode.Ok, Check("/open", -1));
    }

    [Fact]
    public void An_empty_multi_succeeds_with_no_results()
    {
        var writer = Fixture();

        Assert.Empty(Multi(writer));
    }

    [Fact]
    public void Close_session_deletes_committed_and_outstanding_ephemerals_but_not_outstanding_deletes()
    {
        var writer = Fixture();
        writer.Create("/e1", CreateMode.Ephemeral);
        writer.Create("/e2", CreateMode.Ephemeral);
        writer.Create("/other", CreateMode.Ephemeral, caller: Stranger);
        var pendingCreate = writer.PrepareOnly(OpCode.Create, new CreateRequest("/open/e3", [], Acls.OpenAclUnsafe, (int)CreateMode.Ephemeral));
        var pendingDelete = writer.PrepareOnly(OpCode.Delete, new DeleteRequest("/e2", -1));
        var closeZxid = writer.Zxid + 1;

        var close = Assert.IsType<CloseSessionTxn>(writer.Prep.PrepareCloseSession(StandaloneWriter.Session, closeZxid));

        Assert.Equal(["/e1", "/open/e3"], close.EphemeralPaths);
        // After close, a delete of the parent of a closing ephemeral is no longer NotEmpty.
        Assert.Equal(new ErrorTxn(ErrorCode.NoNode), writer.PrepareOnly(OpCode.Delete, new DeleteRequest("/open/e3", -1)));
        writer.Commit(closeZxid - 2, pendingCreate);
        writer.Commit(closeZxid - 1, pendingDelete);
        var applied = writer.Commit(closeZxid, close);
        Assert.Empty(writer.Tree.GetEphemerals(StandaloneWriter.Session));
        Assert.Equal(["/other"], writer.Tree.GetEphemerals(Stranger.SessionId));
        Assert.Equal(4, applied.Triggers.Count);
    }

    [Fact]
    public void Delete_container_prep_refuses_special_missing_non_empty_and_ephemeral_nodes()
    {
        var writer = Fixture();
        writer.Create("/eph", CreateMode.Ephemeral);
        writer.Write(OpCode.CreateContainer, new CreateRequest("/box", [], Acls.OpenAclUnsafe, (int)CreateMode.Container));
        writer.Write(OpCode.CreateContainer, new CreateRequest("/full", [], Acls.OpenAclUnsafe, (int)CreateMode.Container));
        writer.Create("/full/x");

        Assert.Equal(new ErrorTxn(ErrorCode.BadArguments), writer.Prep.PrepareDeleteContainer("/zookeeper", 100));
        Assert.Equal(new ErrorTxn(ErrorCode.BadVersion), writer.Prep.PrepareDeleteContainer("/eph", 100));
        Assert.Equal(new ErrorTxn(ErrorCode.NotEmpty), writer.Prep.PrepareDeleteContainer("/full", 100));
        Assert.Equal(new ErrorTxn(ErrorCode.NoNode), writer.Prep.PrepareDeleteContainer("/gone", 100));
        Assert.Equal(new DeleteContainerTxn("/box"), writer.Prep.PrepareDeleteContainer("/box", 100));
    }

    [Fact]
    public void Create_session_carries_timeout_and_password_into_the_tree()
    {
        var writer = new StandaloneWriter();

        writer.Commit(1, RequestPrep.PrepareCreateSession(4000, [9, 9]), sessionId: 0x55);

        Assert.Equal(4000, writer.Tree.Sessions[0x55].TimeoutMs);
        Assert.Equal([9, 9], writer.Tree.Sessions[0x55].Password);
    }
}
