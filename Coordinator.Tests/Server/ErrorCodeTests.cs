using System.Security.Cryptography;
using System.Text;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Server.Support;
using static Coordinator.Tests.Server.Support.WireOps;

namespace Coordinator.Tests.Server;

/// <summary>
/// Every operation's error codes, as Apache ZooKeeper chooses them: each test runs against both
/// servers, so a difference between them fails here.
/// </summary>
public abstract class ErrorCodeTests(IServerUnderTest target) : ServerTestBase(target)
{
    [Fact]
    public async Task Every_operation_on_a_missing_node_answers_NoNode()
    {
        var client = await ConnectAsync();
        var missing = UniquePath("missing");

        Assert.Equal(ErrorCode.NoNode, (await client.GetDataAsync(missing)).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.SetDataAsync(missing, Utf8("x"))).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.DeleteAsync(missing)).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.CreateAsync(missing + "/child")).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.GetChildrenAsync(missing)).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.GetAclAsync(missing)).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync(missing)).Err);
    }

    [Fact]
    public async Task A_failed_write_still_takes_a_zxid_and_leaves_the_node_untouched()
    {
        var client = await ConnectAsync();
        var path = UniquePath("zxid");
        var created = await client.CreateAsync(path);

        var failed = await client.CreateAsync(path);

        Assert.Equal(ErrorCode.NodeExists, failed.Err);
        Assert.True(failed.Header.Zxid > created.Header.Zxid, $"failed write zxid 0x{failed.Header.Zxid:x} after 0x{created.Header.Zxid:x}");
        var read = await client.ExistsAsync(path);
        Assert.True(read.Header.Zxid >= failed.Header.Zxid);
        Assert.Equal(created.Stat(), read.Stat());
    }

    [Fact]
    public async Task Creating_an_existing_node_answers_NodeExists_and_deleting_a_parent_answers_NotEmpty()
    {
        var client = await ConnectAsync();
        var parent = UniquePath("parent");
        await client.CreateAsync(parent);
        await client.CreateAsync(parent + "/child");

        Assert.Equal(ErrorCode.NodeExists, (await client.CreateAsync(parent)).Err);
        Assert.Equal(ErrorCode.NotEmpty, (await client.DeleteAsync(parent)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.GetDataAsync(parent + "/child")).Err);
    }

    [Fact]
    public async Task A_stale_version_answers_BadVersion_for_setData_delete_setACL_and_check()
    {
        var client = await ConnectAsync();
        var path = UniquePath("versioned");
        await client.CreateAsync(path);

        Assert.Equal(ErrorCode.BadVersion, (await client.SetDataAsync(path, Utf8("x"), version: 7)).Err);
        Assert.Equal(ErrorCode.BadVersion, (await client.DeleteAsync(path, version: 7)).Err);
        Assert.Equal(ErrorCode.BadVersion, (await client.SetAclAsync(path, Acls.OpenAclUnsafe, version: 7)).Err);
        var multi = await client.MultiAsync(new MultiOp(OpCode.Check, new CheckVersionRequest(path, 7)));
        Assert.Equal(ErrorCode.Ok, multi.Err);
        Assert.Equal([ErrorCode.BadVersion], multi.Decode<MultiResponse>().Results.Select(r => r.Err));
        Assert.Equal(0, (await client.ExistsAsync(path)).Stat().Version);
    }

    [Fact]
    public async Task A_child_under_an_ephemeral_answers_NoChildrenForEphemerals()
    {
        var client = await ConnectAsync();
        var ephemeral = UniquePath("ephemeral");
        await client.CreateAsync(ephemeral, mode: CreateMode.Ephemeral);

        Assert.Equal(ErrorCode.NoChildrenForEphemerals, (await client.CreateAsync(ephemeral + "/child")).Err);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync(ephemeral + "/child")).Err);
    }

    /// <summary>
    /// ZooKeeper looks the parent up before it validates the path, so each malformed form is put under a
    /// parent that exists ({0}); "" and "relative" have no parent to look up.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("relative")]
    [InlineData("//double-slash")]
    [InlineData("{0}/")]
    [InlineData("{0}/.")]
    [InlineData("{0}/..")]
    [InlineData("{0}/nul\0char")]
    public async Task Creating_a_malformed_path_answers_BadArguments(string form)
    {
        var client = await ConnectAsync();
        var parent = UniquePath("parent");
        await client.CreateAsync(parent);
        var path = string.Format(form, parent);

        Assert.Equal(ErrorCode.BadArguments, (await client.CreateAsync(path)).Err);
    }

    [Theory]
    [InlineData("{0}//child")]
    [InlineData("{0}/./child")]
    [InlineData("{0}/../child")]
    public async Task A_malformed_path_whose_parent_does_not_exist_answers_NoNode_because_the_parent_is_checked_first(string form)
    {
        var client = await ConnectAsync();
        var path = string.Format(form, UniquePath("absent"));

        Assert.Equal(ErrorCode.NoNode, (await client.CreateAsync(path)).Err);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    [InlineData(42)]
    public async Task Creating_with_undefined_flags_answers_BadArguments(int flags)
    {
        var client = await ConnectAsync();

        Assert.Equal(ErrorCode.BadArguments, (await client.CreateWithFlagsAsync(UniquePath("flags"), flags)).Err);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/zookeeper/quota")]
    public async Task Deleting_a_system_node_answers_BadArguments(string path)
    {
        var client = await ConnectAsync();

        Assert.Equal(ErrorCode.BadArguments, (await client.DeleteAsync(path)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync(path)).Err);
    }

    [Fact]
    public async Task A_trailing_slash_is_allowed_on_a_sequential_create_because_the_sequence_number_completes_the_name()
    {
        var client = await ConnectAsync();
        var parent = UniquePath("sequential");
        await client.CreateAsync(parent);

        var created = await client.CreateAsync(parent + "/", mode: CreateMode.PersistentSequential);

        Assert.Equal(ErrorCode.Ok, created.Err);
        Assert.Equal(parent + "/0000000000", created.Decode<Create2Response>().Path);
    }

    [Fact]
    public async Task Adding_auth_with_an_unknown_scheme_answers_AuthFailed_and_closes_the_connection()
    {
        var client = await ConnectAsync();

        var reply = await client.ReplyTo(await client.SendAsync(Xids.Auth, OpCode.Auth, new AuthPacket(0, "no-such-scheme", Utf8("x"))));

        Assert.Equal(ErrorCode.AuthFailed, reply.Err);
        await client.WaitForCloseAsync();
    }

    [Fact]
    public async Task A_digest_ACL_refuses_other_sessions_with_NoAuth_until_they_add_the_credentials()
    {
        var owner = await ConnectAsync();
        var stranger = await ConnectAsync();
        var path = UniquePath("guarded");
        IReadOnlyList<Acl> acl = [new Acl(Perms.All, new Id("digest", Digest("alice:secret")))];
        Assert.Equal(ErrorCode.Ok, (await owner.AddDigestAuthAsync("alice:secret")).Err);
        Assert.Equal(ErrorCode.Ok, (await owner.CreateAsync(path, Utf8("v"), acl: acl)).Err);
        Assert.Equal(ErrorCode.Ok, (await owner.CreateAsync(path + "/child", acl: acl)).Err);

        Assert.Equal(ErrorCode.NoAuth, (await stranger.GetDataAsync(path)).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.SetDataAsync(path, Utf8("w"))).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.DeleteAsync(path + "/child")).Err);
        Assert.Equal(ErrorCode.NoAuth, (await stranger.CreateAsync(path + "/other")).Err);

        Assert.Equal(ErrorCode.Ok, (await stranger.AddDigestAuthAsync("alice:secret")).Err);
        await stranger.AssertDataAsync(path, "v");
        Assert.Equal(ErrorCode.Ok, (await stranger.SetDataAsync(path, Utf8("w"))).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.DeleteAsync(path + "/child")).Err);
        Assert.Equal(ErrorCode.Ok, (await stranger.CreateAsync(path + "/other")).Err);
    }

    public static TheoryData<string, string, string> InvalidAcls => new()
    {
        { "empty list", "", "" },
        { "world with an id other than anyone", "world", "someone" },
        { "auth without an authenticated identity", "auth", "" },
        { "digest id without a hash", "digest", "nocolon" },
        { "unknown scheme", "kerberos-ish", "x" },
    };

    [Theory]
    [MemberData(nameof(InvalidAcls))]
    public async Task Creating_with_an_unusable_ACL_answers_InvalidACL(string why, string scheme, string id)
    {
        var client = await ConnectAsync();
        IReadOnlyList<Acl> acl = scheme.Length == 0 ? [] : [new Acl(Perms.All, new Id(scheme, id))];

        Assert.True(ErrorCode.InvalidAcl == (await client.CreateAsync(UniquePath("acl"), acl: acl)).Err, why);
    }

    /// <summary>
    /// ZooKeeper 3.8 has no separate data-size error: a request frame longer than jute.maxbuffer makes it
    /// close the connection, and anything that fits is stored.
    /// </summary>
    [Fact]
    public async Task A_setData_frame_of_exactly_jute_maxbuffer_is_stored_and_one_byte_more_closes_the_connection()
    {
        var client = await ConnectAsync();
        var bystander = await ConnectAsync();
        var path = UniquePath("big");
        await client.CreateAsync(path);
        var dataFillingTheFrame = JuteMaxBuffer - SetDataFrameOverhead(path);

        var atLimit = await client.SetDataAsync(path, new byte[dataFillingTheFrame]);
        Assert.Equal(ErrorCode.Ok, atLimit.Err);
        Assert.Equal(dataFillingTheFrame, atLimit.Stat().DataLength);

        await Assert.ThrowsAsync<IOException>(() => client.SetDataAsync(path, new byte[dataFillingTheFrame + 1]));
        await client.WaitForCloseAsync();
        var kept = (await bystander.ExistsAsync(path)).Stat();
        Assert.Equal(dataFillingTheFrame, kept.DataLength);
        Assert.Equal(1, kept.Version);
    }

    /// <summary>Request header (8) + path (4 + bytes) + data length (4) + version (4).</summary>
    protected static int SetDataFrameOverhead(string path) => 8 + 4 + Encoding.UTF8.GetByteCount(path) + 4 + 4;

    [Fact]
    public async Task A_failed_multi_reports_zero_for_earlier_ops_the_code_for_the_failing_op_and_RuntimeInconsistency_after()
    {
        var client = await ConnectAsync();
        var existing = UniquePath("exists");
        var fresh = UniquePath("fresh");
        await client.CreateAsync(existing);

        var reply = await client.MultiAsync(
            new MultiOp(OpCode.Create, new CreateRequest(fresh, [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.Create, new CreateRequest(existing, [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.SetData, new SetDataRequest(existing, Utf8("x"), -1)));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var results = reply.Decode<MultiResponse>().Results;
        Assert.Equal([OpCode.Error, OpCode.Error, OpCode.Error], results.Select(r => r.Type));
        Assert.Equal([ErrorCode.Ok, ErrorCode.NodeExists, ErrorCode.RuntimeInconsistency], results.Select(r => r.Err));
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync(fresh)).Err);
    }

    /// <summary>
    /// Apache ZooKeeper 3.8 answers a create2 inside a multi like a plain create (type 1, path only, no
    /// Stat); only createContainer and createTTL get the type-15 result with a Stat.
    /// </summary>
    [Fact]
    public async Task A_successful_multi_types_each_result_by_its_op_with_create_and_create2_as_1_and_createContainer_as_15()
    {
        var client = await ConnectAsync();
        var a = UniquePath("a");
        var b = UniquePath("b");
        var c = UniquePath("c");

        var reply = await client.MultiAsync(
            new MultiOp(OpCode.Create, new CreateRequest(a, [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.Create2, new CreateRequest(b, [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.CreateContainer, new CreateRequest(c, [], Acls.OpenAclUnsafe, (int)CreateMode.Container)),
            new MultiOp(OpCode.SetData, new SetDataRequest(a, Utf8("x"), 0)),
            new MultiOp(OpCode.Check, new CheckVersionRequest(a, 1)),
            new MultiOp(OpCode.Delete, new DeleteRequest(b, 0)));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        var results = reply.Decode<MultiResponse>().Results;
        Assert.Equal([OpCode.Create, OpCode.Create, OpCode.Create2, OpCode.SetData, OpCode.Check, OpCode.Delete], results.Select(r => r.Type));
        Assert.All(results, r => Assert.Equal(ErrorCode.Ok, r.Err));
        Assert.Equal(a, Assert.IsType<CreateResponse>(results[0].Body).Path);
        Assert.Equal(b, Assert.IsType<CreateResponse>(results[1].Body).Path);
        var container = Assert.IsType<Create2Response>(results[2].Body);
        Assert.Equal(c, container.Path);
        Assert.Equal(container.Stat.Czxid, container.Stat.Mzxid);
        Assert.Equal(1, Assert.IsType<SetDataResponse>(results[3].Body).Stat.Version);
        Assert.Null(results[4].Body);
        Assert.Null(results[5].Body);
        await client.AssertDataAsync(a, "x");
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync(b)).Err);
    }

    /// <summary>jute.maxbuffer, the default of both servers.</summary>
    protected const int JuteMaxBuffer = 0xfffff;

    private static string Digest(string userPassword) =>
        userPassword.Split(':')[0] + ":" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(userPassword)));
}

[Trait("Category", "Interop")]
public sealed class ErrorCodeTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : ErrorCodeTests(server), IClassFixture<ApacheZooKeeperServer>;

public sealed class ErrorCodeTests_Coordinator(CoordinatorServer server)
    : ErrorCodeTests(server), IClassFixture<CoordinatorServer>;
