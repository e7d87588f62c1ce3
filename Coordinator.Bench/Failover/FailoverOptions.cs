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
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--repetitions":
                    repetitions = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n
                        : throw new ArgumentException($"--repetitions: '{value}' is not a positive whole number");
                    break;
                case "--servers":
                    var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (items.Length == 0 || items.Any(s => s is not ("coordinator" or "zookeeper")))
                        throw new ArgumentException($"--servers: '{value}'; choose from coordinator, zookeeper");
                    servers = items;
                    break;
                case "--out": output = value; break;
                case "--coordinator-dll": dll = value; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        return new FailoverOptions(repetitions, servers, output, dll);
    }
}
