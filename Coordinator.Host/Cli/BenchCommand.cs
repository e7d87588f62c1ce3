using System.CommandLine;

namespace Coordinator.Host.Cli;

/// <summary><c>coordinator bench</c>: the load generator over the wire protocol.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Load generator: measures throughput and latency of a running ensemble.");
        command.SetAction(result => NotImplementedYet.Report(result, "bench", "benchmark against Apache ZooKeeper"));
        return command;
    }
}
