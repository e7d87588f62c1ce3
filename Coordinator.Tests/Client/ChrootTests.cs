using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>A chroot in the connection string: paths are prefixed going out and stripped coming back.</summary>
public abstract class ChrootTests(IServerUnderTest target)
{
    [Fact]
    public async Task Paths_under_a_chroot_map_to_the_real_tree_and_back()
    {
        var root = ClientTesting.UniquePath("chroot");
        await using var plain = await ClientTesting.ConnectAsync(target);
        await plain.CreateAsync(root);
        await using var rooted = await ClientTesting.ConnectAsync(target, chroot: root);

        var created = await rooted.CreateAsync("/app", [7]);
        var sequential = await rooted.Transaction().Create("/app/job-", mode: CreateMode.PersistentSequential).CommitAsync();

        Assert.Equal("/app", created.Path);
        Assert.StartsWith("/app/job-", ((Coordinator.Client.Transactions.CreateOpResult)sequential[0]).Path);
        Assert.Equal([7], (await plain.GetDataAsync(root + "/app")).Data);
        Assert.Equal(["app"], (await rooted.GetChildrenAsync("/")).Children);
    }

    [Fact]
    public async Task Watch_events_under_a_chroot_carry_the_client_path()
    {
        var root = ClientTesting.UniquePath("chroot-watch");
        await using var plain = await ClientTesting.ConnectAsync(target);
        await plain.CreateAsync(root);
        await plain.CreateAsync(root + "/node");
        await using var rooted = await ClientTesting.ConnectAsync(target, chroot: root);
        var fired = new TaskCompletionSource<WatchedEvent>();

        await rooted.GetDataAsync("/node", e => fired.TrySetResult(e));
        await plain.SetDataAsync(root + "/node", [1]);

        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/node"), await fired.Task.Within());
    }
}

[Trait("Category", "Interop")]
public sealed class ChrootTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : ChrootTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class ChrootTests_Coordinator(CoordinatorServer server)
    : ChrootTests(server), IClassFixture<CoordinatorServer>;
