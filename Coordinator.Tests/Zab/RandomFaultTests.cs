using Coordinator.Actors.Zab.Core;
using Coordinator.Tests.Zab.Harness;

namespace Coordinator.Tests.Zab;

/// <summary>
/// A small preview of the later simulation: seeded crashes, restarts and partitions while clients keep
/// proposing. The harness checks Leadership, PrefixConsistency and TotalOrder after every step; at the end
/// the healed ensemble must agree, keep every commit any member applied, and apply only proposed txns (Integrity).
/// </summary>
public sealed class RandomFaultTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Leadership_PrefixConsistency_TotalOrder_and_Integrity_hold_under_seeded_crashes_and_partitions(int seed)
    {
        var random = new Random(seed);
        var cluster = new ZabCluster(seed, [1, 2, 3, 4, 5], observers: [6]);
        cluster.StartAll();
        var everCommitted = new List<Zxid>();

        for (var phase = 0; phase < 8; phase++)
        {
            switch (random.Next(4))
            {
                case 0:
                    var victim = random.Next(1, 7);
                    if (cluster[victim].Core is null) cluster.Start(victim);
                    else if (cluster.Alive.Count(m => m.Id <= 5) > 3 || victim == 6) cluster.Crash(victim);
                    break;
                case 1:
                    var cut = new long[] { 1, 2, 3, 4, 5, 6 }.OrderBy(_ => random.Next()).Take(2).ToArray();
                    cluster.Partition(cut, [.. new long[] { 1, 2, 3, 4, 5, 6 }.Except(cut)]);
                    break;
                default:
                    cluster.Heal();
                    break;
            }
            for (var step = 0; step < 400; step++)
            {
                if (cluster.Leader is { } leader && random.Next(10) == 0) cluster.Propose(leader.Id, $"s{seed}p{phase}x{step}");
                cluster.RunSteps(1);
            }
            everCommitted = Longest(everCommitted, cluster.Members.Values.Select(m => m.AppliedZxids.ToList()));
        }

        cluster.Heal();
        foreach (var member in cluster.Members.Values.Where(m => m.Core is null)) cluster.Start(member.Id);
        var final = cluster.RunUntilStable();
        var last = cluster.Propose(final.Id, "final");
        cluster.RunUntil(() => cluster.Alive.All(m => m.Core!.Committed == last));
        Assert.All(cluster.Members.Values, m => Assert.Equal(final.AppliedZxids, m.AppliedZxids));
        Assert.Equal(everCommitted, final.AppliedZxids.Take(everCommitted.Count));
        var proposed = cluster.ProposedTxns.ToHashSet();
        Assert.All(final.Applied, e => Assert.Contains(System.Text.Encoding.UTF8.GetString(e.Txn), proposed));
    }

    private static List<Zxid> Longest(List<Zxid> current, IEnumerable<List<Zxid>> candidates) =>
        candidates.Append(current).MaxBy(c => c.Count)!;
}
