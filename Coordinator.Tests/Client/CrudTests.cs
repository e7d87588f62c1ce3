using System.Text;
using Coordinator.Client.Api;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>Every single-node operation, its typed result, and the typed exception for each failure.</summary>
public abstract class CrudTests(IServerUnderTest target)
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Create_read_update_and_delete_report_versions_and_data()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("crud");

        var created = await client.CreateAsync(p, Bytes("one"));
        Assert.Equal(p, created.Path);
        Assert.Equal(0, created.Stat.Version);
        var read = await client.GetDataAsync(p);
        Assert.Equal("one", Encoding.UTF8.GetString(read.Data!));
        Assert.Equal(created.Stat, read.Stat);

        var updated = await client.SetDataAsync(p, Bytes("two"), version: 0);
        Assert.Equal(1, updated.Version);
        Assert.Equal("two", Encoding.UTF8.GetString((await client.GetDataAsync(p)).Data!));
        Assert.Equal(1, (await client.ExistsAsync(p))?.Version);

        await client.DeleteAsync(p, version: 1);
        Assert.Null(await client.ExistsAsync(p));
    }

    [Fact]
    public async Task Failures_throw_the_typed_exception_with_code_and_path()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("errors");
        await client.CreateAsync(p);
        await client.CreateAsync(p + "/child");

        var missing = await Assert.ThrowsAsync<NoNodeException>(() => client.GetDataAsync(p + "/missing"));
        Assert.Equal(ErrorCode.NoNode, missing.Code);
        Assert.Equal(p + "/missing", missing.Path);
        var exists = await Assert.ThrowsAsync<NodeExistsException>(() => client.CreateAsync(p));
        Assert.Equal(p, exists.Path);
        var badVersion = await Assert.ThrowsAsync<BadVersionException>(() => client.SetDataAsync(p, null, version: 7));
        Assert.Equal(ErrorCode.BadVersion, badVersion.Code);
        var notEmpty = await Assert.ThrowsAsync<NotEmptyException>(() => client.DeleteAsync(p));
        Assert.Equal(p, notEmpty.Path);
        await Assert.ThrowsAsync<NoNodeException>(() => client.CreateAsync(p + "/no/parent"));
    }

    [Fact]
    public async Task Children_come_with_the_parent_stat_and_all_descendants_are_counted()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("children");
        await client.CreateAsync(p);
        await client.CreateAsync(p + "/a");
        await client.CreateAsync(p + "/b");
        await client.CreateAsync(p + "/b/deep");

        var children = await client.GetChildrenAsync(p);
        Assert.Equal(["a", "b"], children.Children.Order());
        Assert.Equal(2, children.Stat.NumChildren);
        Assert.Equal(3, await client.GetAllChildrenNumberAsync(p));
    }

    [Fact]
    public async Task Sequential_ephemeral_and_container_modes_create_what_they_name()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("modes");
        await client.CreateAsync(p);

        var first = await client.CreateAsync(p + "/seq-", mode: CreateMode.PersistentSequential);
        var second = await client.CreateAsync(p + "/seq-", mode: CreateMode.PersistentSequential);
        Assert.Matches(@"/seq-\d{10}$", first.Path);
        Assert.True(string.CompareOrdinal(first.Path, second.Path) < 0);
        var ephemeral = await client.CreateAsync(p + "/eph", mode: CreateMode.Ephemeral);
        Assert.Equal(client.SessionId, ephemeral.Stat.EphemeralOwner);
        Assert.Equal([p + "/eph"], await client.GetEphemeralsAsync(p));
        var container = await client.CreateAsync(p + "/container", mode: CreateMode.Container);
        Assert.Equal(p + "/container", container.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(p + "/ttl", mode: CreateMode.PersistentWithTtl));
    }

    /// <summary>Apache ZooKeeper takes TTL nodes only with zookeeper.extendedTypesEnabled, which the harness leaves off.</summary>
    protected virtual bool AcceptsTtlNodes => true;

    [Fact]
    public async Task A_ttl_create_uses_its_own_opcode_and_is_refused_as_unimplemented_where_ttls_are_off()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("ttl");
        var creating = client.CreateAsync(p, mode: CreateMode.PersistentWithTtl, ttl: TimeSpan.FromMinutes(5));

        if (AcceptsTtlNodes)
        {
            Assert.Equal(p, (await creating).Path);
            Assert.NotNull(await client.ExistsAsync(p));
        }
        else
        {
            Assert.Equal(p, (await Assert.ThrowsAsync<UnimplementedException>(() => creating)).Path);
        }
    }

    [Fact]
    public async Task Acl_is_read_and_replaced_and_digest_auth_grants_access()
    {
        await using var owner = await ClientTesting.ConnectAsync(target);
        await using var stranger = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("acl");
        await owner.AddDigestAuthAsync("alice", "secret");
        await owner.CreateAsync(p, Bytes("private"), acl: Acls.CreatorAllAcl);

        var acl = await owner.GetAclAsync(p);
        var entry = Assert.Single(acl.Acl);
        Assert.Equal("digest", entry.Id.Scheme);
        Assert.StartsWith("alice:", entry.Id.Ident);
        var denied = await Assert.ThrowsAsync<NoAuthException>(() => stranger.GetDataAsync(p));
        Assert.Equal(p, denied.Path);

        var stat = await owner.SetAclAsync(p, Acls.OpenAclUnsafe, version: 0);
        Assert.Equal(1, stat.Aversion);
        Assert.Equal("private", Encoding.UTF8.GetString((await stranger.GetDataAsync(p)).Data!));
    }

    [Fact]
    public async Task Sync_then_read_sees_a_write_made_through_another_session()
    {
        await using var writer = await ClientTesting.ConnectAsync(target);
        await using var reader = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("sync");
        await writer.CreateAsync(p, Bytes("fresh"));

        await reader.SyncAsync(p);
        Assert.Equal("fresh", Encoding.UTF8.GetString((await reader.GetDataAsync(p)).Data!));
    }
}

[Trait("Category", "Interop")]
public sealed class CrudTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : CrudTests(server), IClassFixture<ApacheZooKeeperServer>
{
    protected override bool AcceptsTtlNodes => false;
}

[Trait("Category", "Interop")]
public sealed class CrudTests_Coordinator(CoordinatorServer server)
    : CrudTests(server), IClassFixture<CoordinatorServer>;
