using System.Security.Cryptography;
using System.Text;
using Coordinator.Client.Api;
using Coordinator.Host.Cli;
using Coordinator.Host.Shell;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Host.Shell;

/// <summary>
/// <c>coordinator shell</c> against a real server: what it prints must be the same against Coordinator and
/// Apache ZooKeeper, and read like zkCli. Paths are unique per test.
/// </summary>
public abstract class ShellInteropTests(IServerUnderTest target)
{
    private sealed record Outcome(int Exit, string[] Output, string[] Errors);

    private static string UniquePath(string name) => $"/shell-{name}-{Guid.NewGuid():N}";

    /// <summary><c>coordinator shell --server ... -c "a; b; c"</c> as a user types it.</summary>
    private Task<Outcome> CommandAsync(params string[] commands) => CommandOnAsync(target.ConnectString(), commands);

    private static async Task<Outcome> CommandOnAsync(string server, params string[] commands)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Task.Run(() => CoordinatorCli.Run(["shell", "--server", server, "-c", string.Join("; ", commands)], output, error));
        return new Outcome(exit, Lines(output), Lines(error));
    }

    /// <summary>Commands fed one per line as from a script on stdin, on a session the test can inspect.</summary>
    private async Task<(Outcome Outcome, long SessionId, IReadOnlyList<string> History)> ScriptAsync(params string[] lines)
    {
        await using var client = await CoordinatorClient.ConnectAsync(target.ConnectString(), TimeSpan.FromSeconds(10));
        var output = new StringWriter();
        var error = new StringWriter();
        var session = new ShellSession(client, target.ConnectString(), output, error);
        var exit = await session.RunLinesAsync(new StringReader(string.Join('\n', lines)), interactive: false);
        return (new Outcome(exit, Lines(output), Lines(error)), client.SessionId, session.History);
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    private static Dictionary<string, string> Stat(IEnumerable<string> lines) =>
        lines.Select(line => line.Split(" = ", 2)).Where(parts => parts.Length == 2).ToDictionary(parts => parts[0], parts => parts[1]);

    [Fact]
    public async Task Create_get_set_and_get_s_print_the_data_and_a_zkCli_stat()
    {
        var p = UniquePath("crud");

        var run = await CommandAsync($"create {p} \"hello world\"", $"get {p}", $"set {p} \"bye now\"", $"get -s {p}");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Empty(run.Errors);
        Assert.Equal([$"Created {p}", "hello world", "bye now"], run.Output[..3]);
        Assert.Equal(["cZxid", "ctime", "mZxid", "mtime", "pZxid", "cversion", "dataVersion", "aclVersion", "ephemeralOwner", "dataLength", "numChildren"],
            run.Output[3..].Select(line => line.Split(" = ")[0]));
        var stat = Stat(run.Output);
        Assert.Equal(("1", "0", "0x0", "7", "0"), (stat["dataVersion"], stat["aclVersion"], stat["ephemeralOwner"], stat["dataLength"], stat["numChildren"]));
        Assert.Matches("^0x[0-9a-f]+$", stat["cZxid"]);
        Assert.Matches(@"^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$", stat["mtime"]);
        Assert.True(Convert.ToInt64(stat["mZxid"], 16) > Convert.ToInt64(stat["cZxid"], 16), string.Join('\n', run.Output));
    }

    [Fact]
    public async Task Ls_sorts_children_ls_s_adds_the_stat_and_ls_R_walks_the_tree_level_by_level_as_zkCli()
    {
        var p = UniquePath("tree");

        var run = await CommandAsync($"create {p}", $"create {p}/b", $"create {p}/a", $"create {p}/a/deep", $"ls {p}", $"ls -R {p}", $"ls -s {p}/a");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Equal(["[a, b]", p, $"{p}/a", $"{p}/b", $"{p}/a/deep", "[deep]"], run.Output[4..10]);
        Assert.Equal("1", Stat(run.Output[10..])["numChildren"]);
    }

    [Fact]
    public async Task Sequential_creates_get_ten_digit_suffixes_and_an_ephemeral_belongs_to_the_session()
    {
        var p = UniquePath("seq");

        var (run, sessionId, _) = await ScriptAsync($"create {p}", $"create -s {p}/x a", $"create -s {p}/x b", $"create -e -s {p}/e", $"stat {p}/e0000000002");

        Assert.Equal(0, run.Exit);
        Assert.Equal([$"Created {p}", $"Created {p}/x0000000000", $"Created {p}/x0000000001", $"Created {p}/e0000000002"], run.Output[..4]);
        Assert.Equal($"0x{sessionId:x}", Stat(run.Output)["ephemeralOwner"]);
        Assert.Equal(["[x0000000000, x0000000001]"], (await CommandAsync($"ls {p}")).Output);
    }

    [Fact]
    public async Task A_failed_command_prints_zkCli_wording_on_stderr_and_exits_with_1()
    {
        var p = UniquePath("missing");

        var run = await CommandAsync($"get {p}");

        Assert.Equal(ExitCodes.CommandFailed, run.Exit);
        Assert.Equal([$"Node does not exist: {p}"], run.Errors);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Commands_after_a_failed_one_in_dash_c_do_not_run()
    {
        var p = UniquePath("stop");

        var run = await CommandAsync($"create {p}", $"create {p}", $"create {p}/after");
        var after = await CommandAsync($"ls {p}");

        Assert.Equal(ExitCodes.CommandFailed, run.Exit);
        Assert.Equal([$"Created {p}"], run.Output);
        Assert.Equal([$"Node already exists: {p}"], run.Errors);
        Assert.Equal(["[]"], after.Output);
    }

    [Fact]
    public async Task Help_lists_the_usage_of_every_command()
    {
        var run = await CommandAsync("help");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Equal("Commands:", run.Output[0]);
        Assert.Contains("\tcreate [-e] [-s] [-c] [-t ttl] path [data] [acl]", run.Output);
        Assert.Contains("\tsetAcl [-v version] path acl", run.Output);
        Assert.Equal(1 + 15, run.Output.Length); // the header, then 15 verbs (quit and exit both)
        Assert.All(run.Output[1..], usage => Assert.DoesNotContain("Unknown command", ShellParser.Parse(usage).Error ?? ""));
    }

    [Fact]
    public async Task A_script_keeps_going_after_refusals_and_reports_each_then_fails()
    {
        var p = UniquePath("refusals");

        var (run, _, _) = await ScriptAsync($"create {p} v0", $"create {p}", $"create {p}/child", $"delete {p}", $"set -v 5 {p} v1",
            $"delete -v 3 {p}/child", "bogus", $"get {p}");

        Assert.Equal(1, run.Exit);
        Assert.Equal([$"Node already exists: {p}", $"Node not empty: {p}", $"version No is not valid : {p}",
            $"version No is not valid : {p}/child", "Unknown command: bogus (type help for the list)"], run.Errors);
        Assert.Equal([$"Created {p}", $"Created {p}/child", "v0"], run.Output);
    }

    [Fact]
    public async Task Deleteall_removes_the_whole_subtree_and_delete_with_the_right_version_removes_a_leaf()
    {
        var p = UniquePath("deleteall");

        var run = await CommandAsync($"create {p}", $"create {p}/a", $"create {p}/a/b", $"create {p}/c x", $"set {p}/c y",
            $"delete -v 1 {p}/c", $"deleteall {p}");
        var after = await CommandAsync($"stat {p}");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Empty(run.Errors);
        Assert.Equal([$"Node does not exist: {p}"], after.Errors);
    }

    [Fact]
    public async Task GetAcl_and_setAcl_show_and_replace_the_acl_and_addauth_grants_access_to_a_digest_acl()
    {
        var p = UniquePath("acl");
        var digest = Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes("bob:secret")));

        var owner = await CommandAsync($"create {p} guarded", $"getAcl {p}", "addauth digest bob:secret",
            $"setAcl {p} digest:bob:{digest}:cdrwa,world:anyone:c", $"getAcl {p}", $"get {p}");
        var stranger = await CommandAsync($"get {p}");

        Assert.Equal(ExitCodes.Ok, owner.Exit);
        Assert.Equal([$"Created {p}", "'world,'anyone", ": cdrwa", $"'digest,'bob:{digest}", ": cdrwa", "'world,'anyone", ": c", "guarded"], owner.Output);
        Assert.Equal(ExitCodes.CommandFailed, stranger.Exit);
        Assert.Equal([$"Insufficient permission : {p}"], stranger.Errors);
    }

    [Fact]
    public async Task Create_with_an_acl_argument_applies_it_and_a_node_without_data_reads_as_null()
    {
        var p = UniquePath("createacl");

        var run = await ScriptAsync($"create {p}", $"get {p}", $"create {p}/ro data world:anyone:r", $"getAcl {p}/ro", $"set {p}/ro other", $"get {p}/ro");

        Assert.Equal(1, run.Outcome.Exit);
        Assert.Equal([$"Created {p}", "null", $"Created {p}/ro", "'world,'anyone", ": r", "data"], run.Outcome.Output);
        Assert.Equal([$"Insufficient permission : {p}/ro"], run.Outcome.Errors);
    }

    [Fact]
    public async Task Sync_says_ok_and_history_lists_the_commands_entered()
    {
        var p = UniquePath("sync");

        var (run, _, history) = await ScriptAsync($"create {p}", "", $"sync {p}", "history", "quit", $"delete {p}");

        Assert.Equal(0, run.Exit);
        Assert.Equal([$"Created {p}", "Sync is OK", $"0 - create {p}", $"1 - sync {p}", "2 - history"], run.Output);
        Assert.Equal([$"create {p}", $"sync {p}", "history", "quit"], history);
        Assert.Equal("0", Stat((await CommandAsync($"stat {p}")).Output)["dataVersion"]);
    }

    [Fact]
    public async Task A_chroot_in_the_server_string_roots_every_path_there()
    {
        var root = UniquePath("chroot");
        await CommandAsync($"create {root}");

        var inside = await CommandOnAsync(target.ConnectString() + root, "create /x inner", "ls /");
        var outside = await CommandAsync($"get {root}/x");

        Assert.Equal(["Created /x", "[x]"], inside.Output);
        Assert.Equal(["inner"], outside.Output);
    }
}

[Trait("Category", "Interop")]
public sealed class ShellInteropTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : ShellInteropTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class ShellInteropTests_Coordinator(CoordinatorServer server)
    : ShellInteropTests(server), IClassFixture<CoordinatorServer>;
