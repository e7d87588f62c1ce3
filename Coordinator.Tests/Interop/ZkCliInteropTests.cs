using Coordinator.Tests.Interop.Clients;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Interop;

/// <summary>
/// Apache ZooKeeper's own CLI (zkCli.sh 3.8) against a target: what an operator types must print what
/// it prints against a real ZooKeeper. Each test runs one zkCli session; paths are unique per test.
/// </summary>
public abstract class ZkCliInteropTests(IServerUnderTest target)
{
    private static string UniquePath(string name) => $"/zkcli-{name}-{Guid.NewGuid():N}";

    private Task<ZkCliResult> RunAsync(params string[] commands) => ZkCli.RunAsync(target.ConnectString(), commands);

    [Fact]
    public async Task Create_get_set_stat_and_delete_print_the_node_as_zkCli_shows_it()
    {
        var p = UniquePath("crud");

        var cli = await RunAsync($"create {p} hello", $"get {p}", $"set {p} world!", $"stat {p}", $"get {p}", $"delete {p}", $"stat {p}");

        Assert.Equal([$"Created {p}", $"Node does not exist: {p}"], cli.Errors);
        Assert.Equal("hello", cli.Output[0]);
        Assert.Equal("world!", cli.Output[^1]);
        var stat = Assert.Single(cli.Stats());
        Assert.Equal("1", stat["dataVersion"]);
        Assert.Equal("0", stat["cversion"]);
        Assert.Equal("0", stat["aclVersion"]);
        Assert.Equal("0x0", stat["ephemeralOwner"]);
        Assert.Equal("6", stat["dataLength"]);
        Assert.Equal("0", stat["numChildren"]);
        Assert.Equal(stat["cZxid"], stat["pZxid"]);
        Assert.True(Zxid(stat["mZxid"]) > Zxid(stat["cZxid"]), $"the set must have a later zxid than the create\n{cli}");
    }

    [Fact]
    public async Task Sequential_creates_append_ten_digits_from_the_parents_counter()
    {
        var p = UniquePath("seq");

        var cli = await RunAsync($"create {p}", $"create -s {p}/x a", $"create -s {p}/x b", $"create {p}/plain", $"create -s {p}/y", $"ls {p}");

        Assert.Equal(
            [$"Created {p}", $"Created {p}/x0000000000", $"Created {p}/x0000000001", $"Created {p}/plain", $"Created {p}/y0000000003"],
            cli.Errors);
        Assert.Equal(["[plain, x0000000000, x0000000001, y0000000003]"], cli.Output);
    }

    [Fact]
    public async Task Ephemeral_node_carries_its_session_and_is_gone_for_the_next_session()
    {
        var p = UniquePath("eph");

        var owner = await RunAsync($"create {p}", $"create -e {p}/e data", $"ls {p}", $"stat {p}/e");
        var next = await RunAsync($"ls {p}", $"stat {p}/e");

        Assert.Equal([$"Created {p}", $"Created {p}/e"], owner.Errors);
        Assert.Equal("[e]", owner.Output[0]);
        Assert.NotEqual("0x0", Assert.Single(owner.Stats())["ephemeralOwner"]);
        Assert.Equal(["[]"], next.Output);
        Assert.Equal([$"Node does not exist: {p}/e"], next.Errors);
    }

    [Fact]
    public async Task Ls_sorts_children_delete_refuses_a_parent_and_deleteall_removes_the_subtree()
    {
        var p = UniquePath("tree");

        var cli = await RunAsync(
            $"create {p}", $"create {p}/b", $"create {p}/a", $"create {p}/a/deep",
            $"ls {p}", $"delete {p}", $"deleteall {p}", $"ls {p}");

        Assert.Equal(
            [$"Created {p}", $"Created {p}/b", $"Created {p}/a", $"Created {p}/a/deep", $"Node not empty: {p}", $"Node does not exist: {p}"],
            cli.Errors);
        Assert.Equal(["[a, b]"], cli.Output);
    }

    [Fact]
    public async Task Versioned_set_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var p = UniquePath("version");

        var cli = await RunAsync($"create {p} v0", $"set -v 0 {p} v1", $"set -v 0 {p} v2", $"get -s {p}");

        Assert.Equal([$"Created {p}", $"version No is not valid : {p}"], cli.Errors);
        Assert.Equal("v1", cli.Output[0]);
        Assert.Equal("1", Assert.Single(cli.Stats())["dataVersion"]);
    }

    [Fact]
    public async Task Data_watch_from_get_w_fires_when_the_same_session_sets_the_node()
    {
        var p = UniquePath("watch");

        // The trailing get is one more round trip, so the event thread has printed before quit.
        var cli = await RunAsync($"create {p} a", $"get -w {p}", $"set {p} b", $"get {p}");

        Assert.Contains($"WatchedEvent state:SyncConnected type:NodeDataChanged path:{p}", cli.WatchedEvents);
        Assert.Equal(["a", "b"], cli.Output);
    }

    [Fact]
    public async Task Persistent_nodes_survive_a_server_restart()
    {
        var p = UniquePath("durable");
        var before = await RunAsync($"create {p} kept", $"set {p} kept-v1");

        await target.StopAsync();
        await target.StartAsync();
        var after = await RunAsync($"get -s {p}");

        Assert.Equal([$"Created {p}"], before.Errors);
        Assert.Equal("kept-v1", after.Output[0]);
        Assert.Equal("1", Assert.Single(after.Stats())["dataVersion"]);
    }

    private static long Zxid(string hex) => Convert.ToInt64(hex, 16);
}

[Trait("Category", "Interop")]
public sealed class ZkCliInteropTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : ZkCliInteropTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class ZkCliInteropTests_Coordinator(CoordinatorServer server)
    : ZkCliInteropTests(server), IClassFixture<CoordinatorServer>;
