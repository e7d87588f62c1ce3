using Coordinator.Bench.Load;
using Coordinator.Bench.Servers;
using Coordinator.Bench.Workloads;

namespace Coordinator.Bench.Compare;

/// <summary>
/// One workload against one freshly started topology: start, sample the members' memory while the
/// load runs, stop and clean up. A fresh server per workload keeps one workload's nodes and memory out
/// of the next one's figures.
/// </summary>
public static class WorkloadRun
{
    public static async Task<WorkloadFigures> RunAsync(IServerTopology topology, IWorkload workload, LoadSettings settings,
        IProgress<double>? progress = null)
    {
        using var running = await topology.StartAsync();
        await using var memory = ResidentMemorySampler.Start(running.ProcessIds);
        var cpuAtStart = CpuTimes.Read();
        double Steal() => CpuTimes.StealPercent(cpuAtStart, CpuTimes.Read());
        try
        {
            var measurement = await workload.RunAsync(new WorkloadContext(running.ConnectString, settings, progress));
            running.ThrowIfAnyExited();
            return WorkloadFigures.From(workload.Name, workload.Description, measurement, await memory.StopAsync(), Steal());
        }
        catch (Exception e)
        {
            return WorkloadFigures.Failed(workload.Name, workload.Description, e, await memory.StopAsync(), Steal());
        }
    }
}
