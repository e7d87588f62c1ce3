using System.Globalization;

namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>
/// Runs a <see cref="SimConfig"/> over many seeds. <c>COORDINATOR_SIM_SEEDS=N</c> runs seeds 1..N instead of
/// the default count; <c>COORDINATOR_SIM_SEED=S</c> runs seed S alone (the replay a failure prints);
/// <c>COORDINATOR_SIM_STEPS=K</c> gives each seed K fault-phase steps instead of the configured number (longer
/// histories; a replay must then set it too).
/// Seeds run in parallel; each is deterministic on its own.
/// </summary>
internal static class SeedSweep
{
    public const string SeedVariable = "COORDINATOR_SIM_SEED";
    public const string CountVariable = "COORDINATOR_SIM_SEEDS";
    public const string StepsVariable = "COORDINATOR_SIM_STEPS";

    public static IReadOnlyList<int> Seeds(int defaultCount)
    {
        if (Read(SeedVariable) is { } single) return [single];
        return Enumerable.Range(1, Read(CountVariable) ?? defaultCount).ToList();
    }

    /// <summary>Runs every seed; on failure reports the lowest failing seed with its replay command and trace tail.</summary>
    public static IReadOnlyList<SimOutcome> Run(string testName, int defaultCount, SimConfig config)
    {
        var seeds = Seeds(defaultCount);
        var steps = Read(StepsVariable);
        if (steps is not null) config = config with { Steps = steps.Value };
        var replay = $"{(steps is null ? "" : $"{StepsVariable}={steps} ")}{SeedVariable}=";
        var outcomes = new SimOutcome?[seeds.Count];
        var failures = new string?[seeds.Count];
        Parallel.For(0, seeds.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try { outcomes[i] = new SimulationRun(seeds[i], config).Execute(); }
            catch (SimulationFailure e) { failures[i] = e.Message; }
        });
        var failed = Enumerable.Range(0, seeds.Count).Where(i => failures[i] is not null).ToList();
        if (failed.Count > 0)
        {
            var first = failed[0];
            Assert.Fail($"{failed.Count} of {seeds.Count} seeds failed (seeds {string.Join(", ", failed.Take(20).Select(i => seeds[i]))}). Seed {seeds[first]}:\n"
                + $"Replay: {replay}{seeds[first]} dotnet test Coordinator.Tests -c Release --filter FullyQualifiedName~{testName}\n"
                + failures[first]);
        }
        return outcomes.Select(o => o!).ToList();
    }

    private static int? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
}
