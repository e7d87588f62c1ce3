using System.Globalization;

namespace Coordinator.Bench.Failover;

/// <summary>The <c>failover</c> command line.</summary>
public sealed record FailoverOptions(int Repetitions, IReadOnlyList<string> Servers, string OutputDirectory, string? CoordinatorDll)
{
    public const string Usage = """
        failover [options]  cold start and leader failover of a 3-member ensemble, both servers in the same run
          --repetitions 5       runs per server (interleaved, so machine drift hits both alike)
          --servers a,b         subset of: coordinator,zookeeper
          --out DIR             where failover.json goes (default bench-results/failover-<UTC time>)
          --coordinator-dll F   the coordinator.dll to run (default: the one built next to this benchmark)
        """;

    public static FailoverOptions Parse(IReadOnlyList<string> args)
    {
        var repetitions = 5;
        IReadOnlyList<string> servers = ["zookeeper", "coordinator"];
        var output = Path.Combine("bench-results", "failover-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string? dll = null;
        foreach (var (name, value) in CommandLineOptions.Pairs(args))
        {
            switch (name)
            {
                case "--repetitions": repetitions = CommandLineOptions.ParsePositive(name, value); break;
                case "--servers": servers = CommandLineOptions.ParseList(name, value, ["coordinator", "zookeeper"]); break;
                case "--out": output = value; break;
                case "--coordinator-dll": dll = value; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        return new FailoverOptions(repetitions, servers, output, dll);
    }
}
