using Coordinator.Bench.Compare;
using Coordinator.Bench.Load;
using Coordinator.Bench.Servers;
using Coordinator.Bench.Workloads;
using Coordinator.Tests.Interop;

namespace Coordinator.Tests.Bench;

/// <summary>
/// Every benchmark workload, about a second each, against freshly started servers: it must complete
/// operations and report no error. Throughput and latency are not asserted; they depend on the machine.
/// </summary>
public sealed class CompareSmokeTests
{
    private static readonly LoadSettings Short = new(
        Sessions: 2, InFlight: 4, ValueSize: 100,
        Duration: TimeSpan.FromMilliseconds(700), Warmup: TimeSpan.FromMilliseconds(200), Watchers: 20);

    public static TheoryData<string> Workloads => new(WorkloadCatalog.Names);

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task Workload_completes_operations_without_errors_against_a_coordinator_member(string workload)
    {
        var figures = await WorkloadRun.RunAsync(new CoordinatorStandalone(), WorkloadCatalog.Create(workload), Short);

        AssertRanCleanly(figures);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task Workload_completes_operations_without_errors_against_apache_zookeeper(string workload)
    {
        InteropEnvironment.RequireZooKeeper();

        var figures = await WorkloadRun.RunAsync(new ZooKeeperStandalone(), WorkloadCatalog.Create(workload), Short);

        AssertRanCleanly(figures);
    }

    private static void AssertRanCleanly(WorkloadFigures figures)
    {
        Assert.True(figures.Errors == 0, $"{figures.Workload}: {figures.Errors} errors: {string.Join("; ", figures.ErrorKinds.Select(e => $"{e.Value} × {e.Key}"))}");
        Assert.True(figures.Operations > 0, $"{figures.Workload} completed no operation");
        Assert.True(figures.RssPeakMiB > 0, $"{figures.Workload}: the server's resident memory was never sampled");
    }
}
