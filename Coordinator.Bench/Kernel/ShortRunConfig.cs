using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Coordinator.Bench.Kernel;

/// <summary>
/// Few, in-process iterations: enough to compare shapes on a shared 2-core box in about a minute,
/// without BenchmarkDotNet generating and building a separate project for every run.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithId("ShortInProcess"));
    }
}
