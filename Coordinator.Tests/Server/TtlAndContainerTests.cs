using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Server.Support;

namespace Coordinator.Tests.Server;

/// <summary>
/// TTL and container nodes on Coordinator only: TTL nodes need ZooKeeper's extendedTypesEnabled, which
/// our default config turns on and Apache ZooKeeper's does not (it answers Unimplemented there).
/// </summary>
public sealed class TtlAndContainerTests(ShortTimersCoordinator fixture)
    : ServerTestBase(fixture.Server), IClassFixture<ShortTimersCoordinator>
{
    private static readonly TimeSpan ReapDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_TTL_node_is_created_and_reaped_once_its_ttl_has_passed_without_a_change()
    {
        var client = await ConnectAsync();
        var path = UniquePath("ttl");

        var created = await client.CallAsync(OpCode.CreateTtl,
            new CreateTTLRequest(path, [1], Acls.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, Ttl: 300));

        Assert.Equal(ErrorCode.Ok, created.Err);
        Assert.Equal(path, created.Decode<Create2Response>().Path);
        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync(path, watch: true)).Err);
        await client.EventAsync(EventType.NodeDeleted, path, ReapDeadline);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync(path)).Err);
    }

    [Theory]
    [InlineData((int)CreateMode.PersistentWithTtl, 0L)]
    [InlineData((int)CreateMode.PersistentWithTtl, -5L)]
    [InlineData((int)CreateMode.Persistent, 1000L)]
    public async Task A_TTL_create_with_a_non_positive_ttl_or_a_non_TTL_mode_answers_BadArguments(int flags, long ttl)
    {
        var client = await ConnectAsync();

        var reply = await client.CallAsync(OpCode.CreateTtl, new CreateTTLRequest(UniquePath("bad-ttl"), [], Acls.OpenAclUnsafe, flags, ttl));

        Assert.Equal(ErrorCode.BadArguments, reply.Err);
    }

    [Fact]
    public async Task A_container_is_reaped_after_its_last_child_goes_and_one_that_never_had_children_is_kept()
    {
        var client = await ConnectAsync();
        var neverUsed = UniquePath("container-unused");
        var used = UniquePath("container-used");
        await client.CreateAsync(neverUsed, mode: CreateMode.Container, op: OpCode.CreateContainer);
        await client.CreateAsync(used, mode: CreateMode.Container, op: OpCode.CreateContainer);
        await client.CreateAsync(used + "/child");
        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync(used, watch: true)).Err);

        await client.DeleteAsync(used + "/child");

        await client.EventAsync(EventType.NodeDeleted, used, ReapDeadline);
        Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync(neverUsed)).Err);
    }
}
