using Coordinator.Client.Admin;
using Coordinator.Tests.Interop.Clients;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Interop;

/// <summary>The admin words monitoring tools and client test harnesses send to a standalone target.</summary>
public abstract class FourLetterWordInteropTests(IServerUnderTest target)
{
    private Task<string> SendAsync(string word)
    {
        var endpoint = target.ClientEndpoints[0];
        return FourLetterWordClient.AskAsync(endpoint.Address.ToString(), endpoint.Port, word, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Ruok_answers_imok_without_a_newline() =>
        Assert.Equal("imok", await SendAsync("ruok"));

    [Fact]
    public async Task Srvr_reports_version_mode_and_last_zxid()
    {
        var srvr = await SendAsync("srvr");

        Assert.StartsWith("Zookeeper version: ", srvr);
        Assert.Contains("\nMode: standalone\n", srvr);
        Assert.Matches(@"\nZxid: 0x[0-9a-f]+\n", srvr);
        Assert.Matches(@"\nNode count: \d+\n", srvr);
    }

    [Fact]
    public async Task Mntr_reports_tab_separated_metrics_including_the_server_state()
    {
        var metrics = (await SendAsync("mntr"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(pair => pair[0], pair => pair[1]);

        Assert.Equal("standalone", metrics["zk_server_state"]);
        Assert.True(int.Parse(metrics["zk_znode_count"]) >= 2, "the root and /zookeeper exist");
        Assert.Contains("zk_version", metrics.Keys);
        Assert.Contains("zk_num_alive_connections", metrics.Keys);
    }

    [Fact]
    public async Task Conf_reports_the_client_port_the_target_listens_on() =>
        Assert.Contains($"clientPort={target.ClientEndpoints[0].Port}\n", await SendAsync("conf"));
}

[Trait("Category", "Interop")]
public sealed class FourLetterWordInteropTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : FourLetterWordInteropTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class FourLetterWordInteropTests_Coordinator(CoordinatorServer server)
    : FourLetterWordInteropTests(server), IClassFixture<CoordinatorServer>;
