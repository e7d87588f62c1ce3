using Coordinator.Tests.Simulation.Ensemble;
using Xunit.Abstractions;

namespace Coordinator.Tests.Simulation;

/// <summary>
/// The deterministic whole-ensemble simulation (see docs/simulation-checkers.md): per seed, clients read and write
/// while faults are injected; every safety invariant is checked after every step; the healed ensemble must
/// converge and the client history must pass the ZooKeeper history checker.
/// </summary>
public sealed class EnsembleSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void Three_member_ensembles_keep_every_invariant_and_a_consistent_client_history_under_seeded_faults() =>
        Sweep(nameof(Three_member_ensembles_keep_every_invariant_and_a_consistent_client_history_under_seeded_faults), 400, new SimConfig(Voters: 3));

    [Fact]
    public void Five_member_ensembles_keep_every_invariant_and_a_consistent_client_history_under_seeded_faults() =>
        Sweep(nameof(Five_member_ensembles_keep_every_invariant_and_a_consistent_client_history_under_seeded_faults), 300, new SimConfig(Voters: 5));

    [Fact]
    public void Ensembles_with_an_observer_keep_every_invariant_and_a_consistent_client_history_under_seeded_faults() =>
        Sweep(nameof(Ensembles_with_an_observer_keep_every_invariant_and_a_consistent_client_history_under_seeded_faults), 100, new SimConfig(Voters: 3, Observers: 1));

    [Fact]
    public void A_seed_replays_exactly_the_same_run()
    {
        var config = new SimConfig(Voters: 5, Observers: 1);
        var first = new SimulationRun(4242, config).Execute();
        var replay = new SimulationRun(4242, config).Execute();
        var other = new SimulationRun(4243, config).Execute();

        Assert.Equal(first.Steps, replay.Steps);
        Assert.Equal(first.FinalDigest, replay.FinalDigest);
        Assert.Equal(first.History, replay.History);
        Assert.Equal(first.Trace.Last(), replay.Trace.Last());
        Assert.NotEqual(first.Trace.Last(), other.Trace.Last());
    }

    private void Sweep(string testName, int defaultSeeds, SimConfig config)
    {
        var outcomes = SeedSweep.Run(testName, defaultSeeds, config);
        output.WriteLine($"{outcomes.Count} seeds, {outcomes.Sum(o => o.Operations)} client operations ({outcomes.Sum(o => o.PendingOperations)} indeterminate), "
            + $"{outcomes.Sum(o => o.Committed)} committed txns, {outcomes.Sum(o => o.Steps)} steps");
        var coverage = new SimCoverage();
        foreach (var outcome in outcomes) coverage.Add(outcome.Coverage);
        output.WriteLine(coverage.ToString());
        if (outcomes.Count == 1) return; // a replay of one seed need not reach everything
        // A sweep that stopped committing, crashing, electing, truncating or installing snapshots would check little.
        Assert.True(outcomes.Average(o => o.Committed) > 20, "the seeds committed too little to check anything");
        Assert.True(coverage.CrashesLosingEntries > 0 && coverage.LeadersEstablished > outcomes.Count
            && coverage.SnapshotsInstalled > 0 && coverage.Truncations > 0, $"the sweep missed a kind of event: {coverage}");
    }
}
