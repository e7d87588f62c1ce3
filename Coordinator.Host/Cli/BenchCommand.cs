using System.CommandLine;

namespace Coordinator.Host.Cli;

/// <summary>
/// <c>coordinator bench</c>: points to the comparison in Coordinator.Bench. The benchmark starts this
/// executable as one of the servers it measures (it references Coordinator.Host to find it), so Host
/// cannot reference the benchmark back without a cycle; the verb says how to run it and exits with 2.
/// </summary>
internal static class BenchCommand
{
    public const string Guidance =
        "coordinator bench: the comparison with Apache ZooKeeper runs from the Coordinator.Bench project, which starts this executable itself:\n"
        + "  dotnet run -c Release --project Coordinator.Bench -- compare [--duration 10s] [--warmup 2s] [--sessions 8] [--inflight 32] [--workloads a,b] [--out DIR]";

    public static Command Create()
    {
        var command = new Command("bench", "Load generator: measures throughput and latency against Apache ZooKeeper (runs from Coordinator.Bench).");
        command.SetAction(result =>
        {
            result.InvocationConfiguration.Error.WriteLine(Guidance);
            return ExitCodes.NotImplemented;
        });
        return command;
    }
}
