using System.Text.Json.Nodes;
using Coordinator.Tests.Interop.Clients;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Interop;

/// <summary>
/// node-zookeeper-client 1.1.3 (protocol without the readOnly byte, getChildren2, multi) against a
/// target. The scripts live in Coordinator.Tests/Interop/node and report each step as a JSON line.
/// </summary>
public abstract class NodeClientInteropTests(IServerUnderTest target)
{
    private async Task<NodeScriptRun> RunAsync(string script)
    {
        var run = await NodeClient.RunAsync(script, target.ConnectString(), $"/node-{Path.GetFileNameWithoutExtension(script)}-{Guid.NewGuid():N}");
        run.AssertCompleted();
        return run;
    }

    [Fact]
    public async Task Create_read_update_list_and_remove_behave_with_versions_and_errors()
    {
        var run = await RunAsync("crud.js");

        Assert.Equal("NODE_EXISTS", (string?)run.Step("create_duplicate")["error"]);
        Assert.Equal(0, (int?)run.Step("exists")["stat"]!["version"]);
        Assert.Equal("v0", (string?)run.Step("get")["data"]);
        Assert.Equal(1, (int?)run.Step("set")["stat"]!["version"]);
        Assert.Equal("BAD_VERSION", (string?)run.Step("set_stale_version")["error"]);
        Assert.Equal("v1", (string?)run.Step("get_after_set")["data"]);
        var children = run.Step("children");
        Assert.Equal(["a", "b"], Strings(children["children"]));
        Assert.Equal(2, (int?)children["stat"]!["numChildren"]);
        Assert.Equal(2, (int?)children["stat"]!["cversion"]);
        Assert.Equal("NOT_EMPTY", (string?)run.Step("remove_not_empty")["error"]);
        Assert.Null(run.Step("exists_after_remove")["stat"]);
        Assert.Equal(-101, (int?)run.Step("get_missing")["code"]);
    }

    [Fact]
    public async Task Transaction_commits_all_ops_or_reports_each_op_and_applies_none()
    {
        var run = await RunAsync("transaction.js");

        var ok = run.Step("multi_ok");
        Assert.Null((string?)ok["error"]);
        Assert.Equal([1, 5, 13], ok["results"]!.AsArray().Select(r => (int)r!["type"]!));
        var afterOk = run.Step("after_multi_ok");
        Assert.Equal("v1", (string?)afterOk["data"]);
        Assert.True((bool?)afterOk["childExists"]);

        var failed = run.Step("multi_failed");
        Assert.Equal("BAD_VERSION", (string?)failed["error"]);
        // Ops before the failing one are rolled back (0), the failing one carries its code, the rest -2.
        Assert.Equal([0, -103, -2], failed["results"]!.AsArray().Select(r => (int)r!["err"]!));
        var afterFailed = run.Step("after_multi_failed");
        Assert.Equal("v1", (string?)afterFailed["data"]);
        Assert.False((bool?)afterFailed["childExists"]);
    }

    [Fact]
    public async Task Data_child_and_exists_watches_each_fire_once_with_the_right_event()
    {
        var run = await RunAsync("watches.js");

        Assert.Equal("NODE_DATA_CHANGED", (string?)run.Step("data_watch")["type"]);
        Assert.Equal("NODE_CHILDREN_CHANGED", (string?)run.Step("child_watch")["type"]);
        var exists = run.Step("exists_watch");
        Assert.False((bool?)exists["existedBefore"]);
        Assert.Equal("NODE_CREATED", (string?)exists["type"]);
        Assert.EndsWith("/later", (string?)exists["path"]);
    }

    [Fact]
    public async Task Sequential_ephemerals_are_owned_by_the_session_and_vanish_when_it_closes()
    {
        var run = await RunAsync("ephemerals.js");

        var created = run.Step("created");
        var paths = Strings(created["paths"]);
        Assert.EndsWith("/e-0000000000", paths[0]);
        Assert.EndsWith("/e-0000000001", paths[1]);
        var observed = run.Step("observed");
        Assert.Equal(["e-0000000000", "e-0000000001"], Strings(observed["children"]));
        Assert.Equal((string?)created["ownerSession"], (string?)observed["stat"]!["ephemeralOwner"]);
        Assert.Equal("NODE_CHILDREN_CHANGED", (string?)run.Step("owner_closed_watch")["type"]);
        Assert.Empty(Strings(run.Step("after_owner_closed")["children"]));
    }

    private static string[] Strings(JsonNode? array) =>
        array!.AsArray().Select(item => (string)item!).ToArray();
}

[Trait("Category", "Interop")]
public sealed class NodeClientInteropTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : NodeClientInteropTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class NodeClientInteropTests_Coordinator(CoordinatorServer server)
    : NodeClientInteropTests(server), IClassFixture<CoordinatorServer>;
