using Coordinator.Actors.Auth;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Prep;

public sealed class CreatePrepTests
{
    private static readonly Id Bob = new("digest", DigestAuth.GenerateDigest("bob:pw"));
    private static readonly PrepCaller BobCaller = new(StandaloneWriter.Session, [new Id("ip", "10.0.0.1"), Bob]);
    private static readonly PrepCaller Stranger = new(0x200, [new Id("ip", "10.0.0.2")]);

    private static ErrorCode CreateError(StandaloneWriter writer, string path, int flags = 0, IReadOnlyList<Acl>? acl = null, PrepCaller? caller = null, OpCode op = OpCode.Create) =>
        writer.Write(op, new CreateRequest(path, [], acl ?? Acls.OpenAclUnsafe, flags), caller).Single.Error;

    private static ErrorCode CreateTtlError(StandaloneWriter writer, string path, int flags, long ttl) =>
        writer.Write(OpCode.CreateTtl, new CreateTTLRequest(path, [], Acls.OpenAclUnsafe, flags, ttl)).Single.Error;

    [Fact]
    public void The_sequence_example_of_the_cversion_quirk_holds_verbatim()
    {
        var writer = new StandaloneWriter();
        writer.Create("/p");

        Assert.Equal("/p/s0000000000", writer.Create("/p/s", CreateMode.PersistentSequential).Path);
        Assert.Equal("/p/plain", writer.Create("/p/plain").Path);
        Assert.Equal(2, writer.Tree.GetNode("/p")!.ChildCreates);
        Assert.Equal("/p/s0000000002", writer.Create("/p/s", CreateMode.PersistentSequential).Path);
        writer.Delete("/p/s0000000000");
        writer.Delete("/p/plain");
        Assert.Equal("/p/s0000000003", writer.Create("/p/s", CreateMode.PersistentSequential).Path);
        // Three creates and two deletes so far, then the fourth create: 2C - numChildren = 2*4 - 2.
        Assert.Equal(6, writer.Tree.GetNode("/p")!.Stat.Cversion);
    }

    [Fact]
    public void A_sequential_create_with_a_trailing_slash_appends_the_suffix_after_it()
    {
        var writer = new StandaloneWriter();
        writer.Create("/queue");

        Assert.Equal("/queue/0000000000", writer.Create("/queue/", CreateMode.PersistentSequential).Path);
    }

    [Fact]
    public void Sequence_suffixes_follow_java_zero_padding_for_negative_counters()
    {
        Assert.Equal("0000000007", RequestPrep.SequenceSuffix(7));
        Assert.Equal("2147483647", RequestPrep.SequenceSuffix(int.MaxValue));
        Assert.Equal("-2147483648", RequestPrep.SequenceSuffix(int.MinValue));
        Assert.Equal("-000000005", RequestPrep.SequenceSuffix(-5));
    }

    [Fact]
    public void Two_outstanding_creates_see_each_other_before_either_is_committed()
    {
        var writer = new StandaloneWriter();
        writer.Create("/p");

        var first = writer.PrepareOnly(OpCode.Create, new CreateRequest("/p/s", [], Acls.OpenAclUnsafe, (int)CreateMode.PersistentSequential));
        var second = writer.PrepareOnly(OpCode.Create, new CreateRequest("/p/s", [], Acls.OpenAclUnsafe, (int)CreateMode.PersistentSequential));
        var duplicate = writer.PrepareOnly(OpCode.Create, new CreateRequest("/p/s0000000000", [], Acls.OpenAclUnsafe, 0));

        Assert.Equal("/p/s0000000000", Assert.IsType<CreateTxn>(first).Path);
        Assert.Equal("/p/s0000000001", Assert.IsType<CreateTxn>(second).Path);
        Assert.Equal(new ErrorTxn(ErrorCode.NodeExists), duplicate);
        Assert.Equal(0, writer.Tree.GetNode("/p")!.NumChildren);
    }

    [Fact]
    public void Committed_changes_leave_the_outstanding_overlay()
    {
        var writer = new StandaloneWriter();

        writer.Create("/a");

        Assert.Equal(0, writer.Prep.Outstanding.Count);
    }

    [Fact]
    public void Create_checks_run_in_zookeepers_order()
    {
        var writer = new StandaloneWriter(new PrepSettings(TtlEnabled: false));
        writer.Create("/e", CreateMode.Ephemeral);
        writer.Create("/locked", caller: BobCaller);
        writer.Write(OpCode.SetAcl, new SetACLRequest("/locked", [new Acl(Perms.All, Bob)], -1));
        writer.Create("/x");

        // 1 flags, before everything else (even a path without '/').
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "nope", flags: 7));
        // 2 TTL while disabled, before the path check.
        Assert.Equal(ErrorCode.Unimplemented, CreateTtlError(writer, "nope", flags: 5, ttl: 100));
        // 4 session closing, before path and ACL checks.
        Assert.Equal(ErrorCode.SessionExpired, CreateError(writer, "nope", caller: StandaloneWriter.Anyone with { SessionClosing = true }));
        // 5 no '/' or a NUL, before the ACL check.
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "nope", acl: []));
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "/a\u0000", acl: []));
        // 6 ACL, before the parent lookup.
        Assert.Equal(ErrorCode.InvalidAcl, CreateError(writer, "/missing/a", acl: []));
        // 7 parent missing, before CREATE permission and path validation.
        Assert.Equal(ErrorCode.NoNode, CreateError(writer, "/missing/a/"));
        Assert.Equal(ErrorCode.NoNode, CreateError(writer, "a/b"));
        // 8 CREATE on the parent, before full validation and existence.
        Assert.Equal(ErrorCode.NoAuth, CreateError(writer, "/locked/.", caller: Stranger));
        // 9 full validation of the final path, before existence.
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "/x/"));
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "/x/."));
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "/x/.."));
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "//x"));
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "/b\u001e"));
        // 10 exists, before the ephemeral-parent check.
        Assert.Equal(ErrorCode.NodeExists, CreateError(writer, "/x"));
        Assert.Equal(ErrorCode.NodeExists, CreateError(writer, "/"));
        // 11 parent ephemeral.
        Assert.Equal(ErrorCode.NoChildrenForEphemerals, CreateError(writer, "/e/child"));
    }

    [Fact]
    public void Bob_may_create_under_his_own_node_and_a_stranger_may_not()
    {
        var writer = new StandaloneWriter();
        writer.Create("/bob", caller: BobCaller);
        writer.Write(OpCode.SetAcl, new SetACLRequest("/bob", Acls.CreatorAllAcl, -1), BobCaller);

        Assert.Equal([new Acl(Perms.All, Bob)], writer.Tree.GetNode("/bob")!.Acl);
        Assert.Equal(ErrorCode.Ok, CreateError(writer, "/bob/a", caller: BobCaller));
        Assert.Equal(ErrorCode.NoAuth, CreateError(writer, "/bob/b", caller: Stranger));
    }

    [Fact]
    public void Ttl_rules_follow_the_mode_and_the_setting()
    {
        var writer = new StandaloneWriter(new PrepSettings(TtlEnabled: true));

        Assert.Equal(ErrorCode.BadArguments, CreateTtlError(writer, "/t", (int)CreateMode.PersistentWithTtl, ttl: 0));
        Assert.Equal(ErrorCode.BadArguments, CreateTtlError(writer, "/t", (int)CreateMode.PersistentWithTtl, ttl: EphemeralOwner.MaxTtlMs + 1));
        Assert.Equal(ErrorCode.BadArguments, CreateTtlError(writer, "/t", (int)CreateMode.Persistent, ttl: 100));
        Assert.Equal(ErrorCode.BadArguments, CreateError(writer, "/t", flags: (int)CreateMode.PersistentWithTtl));
        Assert.Equal(ErrorCode.Ok, CreateTtlError(writer, "/t", (int)CreateMode.PersistentWithTtl, ttl: EphemeralOwner.MaxTtlMs));
        Assert.Equal(EphemeralOwner.MaxTtlMs, EphemeralOwner.TtlOf(writer.Tree.GetNode("/t")!.EphemeralOwner));
        Assert.Equal(ErrorCode.Ok, CreateTtlError(writer, "/t/s", (int)CreateMode.PersistentSequentialWithTtl, ttl: 1));
        Assert.NotNull(writer.Tree.GetNode("/t/s0000000000"));
    }

    [Fact]
    public void The_opcode_decides_container_nodes_so_flag_4_through_create_is_a_plain_node()
    {
        var writer = new StandaloneWriter();

        CreateError(writer, "/plain", flags: (int)CreateMode.Container);
        CreateError(writer, "/box", flags: (int)CreateMode.Container, op: OpCode.CreateContainer);

        Assert.Equal(0L, writer.Tree.GetNode("/plain")!.EphemeralOwner);
        Assert.Equal(EphemeralOwner.Container, writer.Tree.GetNode("/box")!.EphemeralOwner);
    }

    [Fact]
    public void Ephemeral_creates_are_owned_by_the_calling_session()
    {
        var writer = new StandaloneWriter();

        writer.Create("/e", CreateMode.EphemeralSequential, caller: Stranger);

        Assert.Equal(Stranger.SessionId, writer.Tree.GetNode("/e0000000000")!.Stat.EphemeralOwner);
    }

    [Fact]
    public void Data_above_the_configured_limit_is_refused()
    {
        var writer = new StandaloneWriter(new PrepSettings(MaxDataBytes: 4));

        Assert.Equal(ErrorCode.BadArguments, writer.Create("/big", data: new byte[5]).Error);
        Assert.Equal(ErrorCode.Ok, writer.Create("/ok", data: new byte[4]).Error);
        Assert.Equal(ErrorCode.BadArguments, writer.SetData("/ok", new byte[5]).Error);
    }

    [Fact]
    public void A_failed_create_still_takes_a_zxid_and_changes_nothing()
    {
        var writer = new StandaloneWriter();
        var digest = writer.Tree.Digest();

        var result = writer.Write(OpCode.Create, new CreateRequest("/a/b", [], Acls.OpenAclUnsafe, 0));

        Assert.Equal(OpResult.Failed(ErrorCode.NoNode), result.Single);
        Assert.Equal(1L, writer.Tree.LastZxid);
        Assert.Equal(digest, writer.Tree.Digest());
        Assert.Equal(0, writer.Prep.Outstanding.Count);
    }
}
