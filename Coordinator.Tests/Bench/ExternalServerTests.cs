using Coordinator.Bench.Compare;
using Coordinator.Bench.Load;
using Coordinator.Bench.Servers;
using Coordinator.Bench.Workloads;
using Coordinator.Client.Api;

namespace Coordinator.Tests.Bench;

/// <summary>A workload against a server the benchmark did not start: its own folder, and nothing left behind.</summary>
public sealed class ExternalServerTests
{
    private static readonly LoadSettings Short = new(
        Sessions: 2, InFlight: 4, ValueSize: 100,
        Duration: TimeSpan.FromMilliseconds(500), Warmup: TimeSpan.Zero, Watchers: 5);

    [Fact]
    public async Task A_workload_on_a_running_server_works_in_a_folder_of_its_own_and_deletes_it_afterwards()
    {
        using var server = await new CoordinatorStandalone().StartAsync();
        await using var client = await CoordinatorClient.ConnectAsync(server.ConnectString, LoadSettings.SessionTimeout);
        await client.CreateAsync("/app", "keep"u8.ToArray());

        var figures = await WorkloadRun.RunAsync(new ExternalServer(server.ConnectString), WorkloadCatalog.Create("create"), Short);

        Assert.True(figures.Operations > 0 && figures.Errors == 0, $"{figures.Operations} operations, {figures.Errors} errors");
        Assert.Equal(0, figures.RssPeakMiB);
        Assert.Equal(["app", "zookeeper"], (await client.GetChildrenAsync("/")).Children.Order(StringComparer.Ordinal));
        Assert.Equal("keep"u8.ToArray(), (await client.GetDataAsync("/app")).Data);
    }
}
