using System.Globalization;
using Coordinator.Bench.Load;
using Coordinator.Bench.Workloads;
using Coordinator.Client.Connection;

namespace Coordinator.Bench.Compare;

/// <summary>The <c>compare</c> command line: the load knobs plus which servers, shapes and workloads, and where reports go.</summary>
public sealed record CompareOptions(LoadSettings Settings, IReadOnlyList<string> Workloads, IReadOnlyList<string> Servers,
    IReadOnlyList<string> Topologies, string OutputDirectory, string? CoordinatorDll, string? Target, double MaxStealPercent)
{
    public const string Usage = """
        compare [options]   run every workload against this project's member and Apache ZooKeeper
          --duration 6s         recorded time per workload (ms, s or m)
          --warmup 2s           load before recording starts
          --sessions 8          client sessions for the request workloads and session churn
          --inflight 32         requests in flight per session
          --value-size 100      bytes per value (set-data-4k always writes 4096)
          --watchers 1000       sessions in the watch fan-out
          --workloads a,b       subset of: {0}
          --servers a,b         subset of: coordinator,zookeeper
          --topology a,b        subset of: standalone,ensemble-3 (three voting members on loopback)
          --target H:P,H:P      instead: a running server the benchmark did not start (any ZooKeeper-protocol server)
          --max-steal 25        a run with more CPU steal (%, from /proc/stat) is measured once more
          --out DIR             where report.json and report.html go (default bench-results/<UTC time>)
          --coordinator-dll F   the coordinator.dll to run (default: the one built next to this benchmark)
        """;

    public static CompareOptions Parse(IReadOnlyList<string> args)
    {
        var settings = LoadSettings.Default;
        IReadOnlyList<string> workloads = WorkloadCatalog.Names;
        IReadOnlyList<string> servers = ["zookeeper", "coordinator"];
        IReadOnlyList<string> topologies = ["standalone", "ensemble-3"];
        var output = Path.Combine("bench-results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string? dll = null;
        string? target = null;
        double maxSteal = 25;
        foreach (var (name, value) in CommandLineOptions.Pairs(args))
        {
            switch (name)
            {
                case "--duration": settings = settings with { Duration = ParseDuration(name, value) }; break;
                case "--warmup": settings = settings with { Warmup = ParseDuration(name, value, allowZero: true) }; break;
                case "--sessions": settings = settings with { Sessions = CommandLineOptions.ParsePositive(name, value) }; break;
                case "--inflight": settings = settings with { InFlight = CommandLineOptions.ParsePositive(name, value) }; break;
                case "--value-size": settings = settings with { ValueSize = CommandLineOptions.ParsePositive(name, value) }; break;
                case "--watchers": settings = settings with { Watchers = CommandLineOptions.ParsePositive(name, value) }; break;
                case "--workloads": workloads = CommandLineOptions.ParseList(name, value, WorkloadCatalog.Names); break;
                case "--servers": servers = CommandLineOptions.ParseList(name, value, ["coordinator", "zookeeper"]); break;
                case "--topology": topologies = CommandLineOptions.ParseList(name, value, ["standalone", "ensemble-3"]); break;
                case "--out": output = value; break;
                case "--coordinator-dll": dll = value; break;
                case "--target": target = ParseTarget(name, value); break;
                case "--max-steal": maxSteal = CommandLineOptions.ParsePositive(name, value); break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (target is not null && args.Any(a => a is "--servers" or "--topology" or "--coordinator-dll"))
            throw new ArgumentException("--target runs against a server already running; it takes no --servers, --topology or --coordinator-dll");
        return new CompareOptions(settings, workloads, servers, topologies, output, dll, target, maxSteal);
    }

    private static string ParseTarget(string name, string value)
    {
        ConnectionString parsed;
        try
        {
            parsed = ConnectionString.Parse(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{name}: {e.Message}");
        }
        return parsed.Chroot is null ? value : throw new ArgumentException($"{name}: takes no chroot; every workload gets a fresh folder of its own");
    }

    private static TimeSpan ParseDuration(string name, string value, bool allowZero = false)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : throw new ArgumentException($"{name}: '{value}' needs a unit (ms, s or m)");
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || (amount == 0 && !allowZero))
            throw new ArgumentException($"{name}: '{value}' is not a {(allowZero ? "non-negative" : "positive")} duration");
        return TimeSpan.FromSeconds(amount * unit);
    }
}
