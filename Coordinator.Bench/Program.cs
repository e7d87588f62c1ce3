using BenchmarkDotNet.Running;
using Coordinator.Bench.Compare;
using Coordinator.Bench.Failover;
using Coordinator.Bench.Workloads;

// `compare ...`: this project vs Apache ZooKeeper over the wire; `failover ...`: cold start and leader
// failover of both servers' 3-member ensembles; `kernel ...`: BenchmarkDotNet
// micro-benchmarks of the actor kernel, e.g. `kernel --filter '*Kernel*'`.
switch (args.FirstOrDefault())
{
    case "compare":
        return await CompareCommand.RunAsync(args[1..]);
    case "failover":
        return await FailoverCommand.RunAsync(args[1..]);
    case "kernel":
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("usage: Coordinator.Bench compare [options] | failover [options] | kernel [BenchmarkDotNet options]\n\n"
            + string.Format(CompareOptions.Usage, string.Join(",", WorkloadCatalog.Names)) + "\n" + FailoverOptions.Usage);
        return args.FirstOrDefault() is null or "--help" or "-h" ? 0 : 1;
}
