using Coordinator.Tests.Simulation.Ensemble;
using Xunit.Abstractions;

namespace Coordinator.Tests.Simulation;

/// <summary>
/// Proves the simulation's checks bite: the same seeded runs as <see cref="EnsembleSimulationTests"/>, with a bug
/// planted in the driver, must fail, and for the reason the bug causes.
/// </summary>
public sealed class InjectedBugTests(ITestOutputHelper output)
{
    private const int Wanted = 3;
    private const int MaxSeeds = 300;

    /// <summary>The first lines of the first <see cref="Wanted"/> failures among seeds 1..<see cref="MaxSeeds"/> run with <paramref name="bug"/>.</summary>
    private List<string> FirstFailures(InjectedBug bug)
    {
        var failures = new List<string>();
        for (var seed = 1; seed <= MaxSeeds && failures.Count < Wanted; seed++)
        {
            try { new SimulationRun(seed, new SimConfig(Voters: 3, Bug: bug)).Execute(); }
            catch (SimulationFailure e) { failures.Add($"seed {seed}: {e.Message[..e.Message.IndexOf('\n', StringComparison.Ordinal)]}"); }
        }
        foreach (var failure in failures) output.WriteLine(failure);
        Assert.True(failures.Count == Wanted, $"only {failures.Count} of {MaxSeeds} seeds caught {bug}");
        return failures;
    }

    [Fact]
    public void Followers_applying_proposals_before_commit_are_caught_treating_a_lost_proposal_as_committed()
    {
        var failures = FirstFailures(InjectedBug.ApplyUncommitted);
        Assert.Contains(failures, f => f.Contains("Durability", StringComparison.Ordinal));
    }

    [Fact]
    public void A_journal_that_acknowledges_before_it_is_durable_loses_commits_and_is_caught()
    {
        var failures = FirstFailures(InjectedBug.AckBeforeDurable);
        Assert.Contains(failures, f => f.Contains("Durability", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_answering_reads_behind_the_clients_last_seen_zxid_fail_the_history_check()
    {
        var failures = FirstFailures(InjectedBug.ReadsIgnoreLastZxidSeen);
        Assert.All(failures, f => Assert.Contains("Client history", f, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("goes back in time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_leader_answering_writes_before_a_quorum_has_them_fails_the_history_check()
    {
        var failures = FirstFailures(InjectedBug.ReplyBeforeCommit);
        Assert.All(failures, f => Assert.Contains("Client history", f, StringComparison.Ordinal));
    }
}
