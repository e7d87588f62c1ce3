using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Server.Support;
using static Coordinator.Tests.Server.Support.WireOps;

namespace Coordinator.Tests.Server;

/// <summary>
/// The less common operations (sync, whoAmI, getEphemerals, getAllChildrenNumber, getACL masking,
/// multiRead, reconfig on a standalone member, the /zookeeper subtree) answer as Apache ZooKeeper does.
/// Lists ZooKeeper returns in hash order are compared as sets.
/// </summary>
public abstract class OperationTests(IServerUnderTest target) : ServerTestBase(target)
{
    [Fact]
    public async Task Sync_echoes_its_path_even_for_a_node_that_does_not_exist()
    {
        var client = await ConnectAsync();
        var missing = UniquePath("never");

        var reply = await client.CallAsync(OpCode.Sync, new SyncRequest(missing));

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(missing, reply.Decode<SyncResponse>().Path);
    }

    [Fact]
    public async Task WhoAmI_lists_the_ip_identity_and_every_digest_added()
    {
        var client = await ConnectAsync();
        Assert.Equal([new ClientInfo("ip", "127.0.0.1")], await WhoAmIAsync(client));

        await client.AddDigestAuthAsync("bob:pw");

        Assert.Equal(
            new HashSet<ClientInfo> { new("ip", "127.0.0.1"), new("digest", "bob") },
            (await WhoAmIAsync(client)).ToHashSet());
    }

    [Fact]
    public async Task GetEphemerals_lists_the_sessions_own_ephemerals_filtered_by_prefix()
    {
        var client = await ConnectAsync();
        var other = await ConnectAsync();
        var root = UniquePath("ephemerals");
        await client.CreateAsync(root);
        await client.CreateAsync(root + "/mine", mode: CreateMode.Ephemeral);
        await client.CreateAsync(root + "-sibling", mode: CreateMode.Ephemeral);
        await other.CreateAsync(root + "/theirs", mode: CreateMode.Ephemeral);

        Assert.Equal(new HashSet<string> { root + "/mine", root + "-sibling" }, (await EphemeralsAsync(client, "/")).ToHashSet());
        Assert.Equal([root + "/mine"], await EphemeralsAsync(client, root + "/"));
    }

    [Fact]
    public async Task GetAllChildrenNumber_counts_every_descendant_and_answers_NoNode_for_a_missing_node()
    {
        var client = await ConnectAsync();
        var root = UniquePath("count");
        await client.CreateAsync(root);
        await client.CreateAsync(root + "/a");
        await client.CreateAsync(root + "/a/b");
        await client.CreateAsync(root + "/c");

        var count = await client.CallAsync(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(root));

        Assert.Equal(3, count.Decode<GetAllChildrenNumberResponse>().TotalNumber);
        Assert.Equal(ErrorCode.NoNode, (await client.CallAsync(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(root + "/x"))).Err);
    }

    [Fact]
    public async Task GetACL_masks_digest_hashes_unless_the_reader_has_ADMIN_and_auth_expands_to_the_creators_digest()
    {
        var owner = await ConnectAsync();
        var stranger = await ConnectAsync();
        var root = UniquePath("masked");
        await owner.AddDigestAuthAsync("bob:pw");
        await owner.CreateAsync(root, acl: [new Acl(Perms.Read, new Id("digest", "bob:secret-hash=")), new Acl(Perms.Read, Id.Anyone)]);
        await owner.CreateAsync(root + "-creator", acl: Acls.CreatorAllAcl);

        IReadOnlyList<Acl> masked = [new Acl(Perms.Read, new Id("digest", "bob:x")), new Acl(Perms.Read, Id.Anyone)];
        Assert.Equal(masked, (await stranger.GetAclAsync(root)).Decode<GetACLResponse>().Acl);
        Assert.Equal(masked, (await owner.GetAclAsync(root)).Decode<GetACLResponse>().Acl);
        var creator = Assert.Single((await owner.GetAclAsync(root + "-creator")).Decode<GetACLResponse>().Acl);
        Assert.Equal(new Acl(Perms.All, new Id("digest", "bob:ikIaKsbtGweaHnb/jKn7OHqbunM=")), creator);
    }

    [Fact]
    public async Task SetACL_checks_ADMIN_before_the_version_so_a_stale_version_without_ADMIN_answers_NoAuth()
    {
        var client = await ConnectAsync();
        var path = UniquePath("admin");
        await client.CreateAsync(path);

        var first = await client.SetAclAsync(path, Acls.ReadAclUnsafe, version: 0);
        var second = await client.SetAclAsync(path, Acls.OpenAclUnsafe, version: 0);

        Assert.Equal(1, first.Stat().Aversion);
        Assert.Equal(ErrorCode.NoAuth, second.Err);
    }

    [Fact]
    public async Task MultiRead_answers_each_read_on_its_own_with_failures_typed_minus_1_and_an_empty_multi_succeeds()
    {
        var client = await ConnectAsync();
        var path = UniquePath("multiread");
        await client.CreateAsync(path, Utf8("d"));

        var reply = await client.CallAsync(OpCode.MultiRead, new MultiReadRequest([
            new MultiOp(OpCode.GetData, new GetDataRequest(path, false)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest(path + "/missing", false)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest(path, false))]));

        var results = reply.Decode<MultiResponse>().Results;
        Assert.Equal([OpCode.GetData, OpCode.Error, OpCode.GetChildren], results.Select(r => r.Type));
        Assert.Equal([ErrorCode.Ok, ErrorCode.NoNode, ErrorCode.Ok], results.Select(r => r.Err));
        Assert.Equal(Utf8("d"), Assert.IsType<GetDataResponse>(results[0].Body).Data);
        Assert.Empty((await client.MultiAsync()).Decode<MultiResponse>().Results);
    }

    [Fact]
    public async Task Reconfig_on_a_standalone_server_answers_ReconfigDisabled()
    {
        var client = await ConnectAsync();

        var reply = await client.CallAsync(OpCode.Reconfig, new ReconfigRequest("", "", "", -1));

        Assert.Equal(ErrorCode.ReconfigDisabled, reply.Err);
    }

    [Fact]
    public async Task The_zookeeper_subtree_takes_new_children_but_its_config_node_is_read_only()
    {
        var client = await ConnectAsync();
        var mine = "/zookeeper/" + UniquePath("mine")[1..];

        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync(mine)).Err);
        Assert.Equal(ErrorCode.NoAuth, (await client.SetDataAsync("/zookeeper/config", Utf8("x"))).Err);
        Assert.Equal(ErrorCode.BadArguments, (await client.DeleteAsync("/zookeeper/config")).Err);
        Assert.Equal(ErrorCode.Ok, (await client.DeleteAsync(mine)).Err);
    }

    [Fact]
    public async Task A_persistent_watch_may_be_added_on_a_missing_node_and_is_then_found_by_checkWatches()
    {
        var client = await ConnectAsync();
        var path = UniquePath("future");

        var added = await client.CallAsync(OpCode.AddWatch, new AddWatchRequest(path, AddWatchMode.Persistent));

        Assert.Equal(ErrorCode.Ok, added.Err);
        Assert.Equal(ErrorCode.Ok, (await client.CallAsync(OpCode.CheckWatches, new CheckWatchesRequest(path, WatcherType.Any))).Err);
        await client.CreateAsync(path);
        await client.EventAsync(EventType.NodeCreated, path);
    }

    private static async Task<IReadOnlyList<ClientInfo>> WhoAmIAsync(WireClient client) =>
        (await client.CallAsync(OpCode.WhoAmI, null)).Decode<WhoAmIResponse>().ClientInfo;

    private static async Task<IReadOnlyList<string>> EphemeralsAsync(WireClient client, string prefix) =>
        (await client.CallAsync(OpCode.GetEphemerals, new GetEphemeralsRequest(prefix))).Decode<GetEphemeralsResponse>().Ephemerals;
}

[Trait("Category", "Interop")]
public sealed class OperationTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : OperationTests(server), IClassFixture<ApacheZooKeeperServer>;

public sealed class OperationTests_Coordinator(CoordinatorServer server)
    : OperationTests(server), IClassFixture<CoordinatorServer>;
