using Coordinator.Tests.Simulation.Ensemble;
using Xunit.Abstractions;

namespace Coordinator.Tests.Simulation;

/// <summary>
/// Proves the simulation's checks bite: the same seeded runs as <see cref="EnsembleSimulationTests"/>, with a bug
/// planted in the driver, must fail, and for the reason the bug causes.
/// </summary>
public sealed class InjectedBugTests(ITestOutputHelper output)
{
    /// <summary>The failure messages of seeds 1..<paramref name="seeds"/> run with <paramref name="bug"/>.</summary>
    private List<string> Failures(InjectedBug bug, int voters, int seeds)
    {
        var failures = new List<string>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            try { new SimulationRun(seed, new SimConfig(voters, Bug: bug)).Execute(); }
            catch (SimulationFailure e) { failures.Add($"seed {seed}: {e.Message[..e.Message.IndexOf('\n', StringComparison.Ordinal)]}"); }
        }
        foreach (var failure in failures) output.WriteLine(failure);
        return failures;
    }

    [Fact]
    public void Followers_applying_proposals_before_commit_are_caught_treating_a_lost_proposal_as_committed()
    {
        var failures = Failures(InjectedBug.ApplyUncommitted, voters: 3, seeds: 60);
        Assert.True(failures.Count >= 3, $"only {failures.Count} of 60 seeds caught the bug");
        Assert.Contains(failures, f => f.Contains("Durability", StringComparison.Ordinal));
    }

    [Fact]
    public void A_journal_that_acknowledges_before_it_is_durable_loses_commits_and_is_caught()
    {
        var failures = Failures(InjectedBug.AckBeforeDurable, voters: 3, seeds: 60);
        Assert.True(failures.Count >= 3, $"only {failures.Count} of 60 seeds caught the bug");
        Assert.Contains(failures, f => f.Contains("Durability", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_answering_reads_behind_the_clients_last_seen_zxid_fail_the_history_check()
    {
        var failures = Failures(InjectedBug.ReadsIgnoreLastZxidSeen, voters: 3, seeds: 60);
        Assert.True(failures.Count >= 3, $"only {failures.Count} of 60 seeds caught the bug");
        Assert.All(failures, f => Assert.Contains("Client history", f, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("goes back in time", StringComparison.Ordinal));
    }
}
