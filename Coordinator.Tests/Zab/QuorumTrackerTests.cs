using Coordinator.Actors.Zab.Core;

namespace Coordinator.Tests.Zab;

public sealed class QuorumTrackerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void A_quorum_is_a_strict_majority_of_voters(int voters, int quorum) =>
        Assert.Equal(quorum, new QuorumTracker(Enumerable.Range(1, voters).Select(i => (long)i)).QuorumSize);

    [Fact]
    public void Observers_and_duplicates_never_count_toward_a_quorum()
    {
        var tracker = new QuorumTracker([1, 2, 3]);
        Assert.False(tracker.IsQuorum([1, 4, 5, 6]));
        Assert.False(tracker.IsQuorum([1, 1, 1]));
        Assert.True(tracker.IsQuorum([1, 3]));
        Assert.False(tracker.IsVoter(4));
    }

    [Fact]
    public void An_ensemble_without_voters_is_refused() =>
        Assert.Throws<ArgumentException>(() => new QuorumTracker([]));

    [Fact]
    public void Highest_quorum_zxid_matches_a_brute_force_oracle_on_random_positions()
    {
        var random = new Random(1234);
        for (var round = 0; round < 2000; round++)
        {
            var voterCount = random.Next(1, 8);
            var voters = Enumerable.Range(1, voterCount).Select(i => (long)i).ToList();
            var positions = voters.ToDictionary(id => id, _ => new Zxid((uint)random.Next(0, 3), (uint)random.Next(0, 4)));
            var tracker = new QuorumTracker(voters);

            // Oracle: the largest position that at least a majority of voters has reached.
            var oracle = positions.Values.Where(z => positions.Values.Count(p => p >= z) > voterCount / 2).Max();
            Assert.Equal(oracle, tracker.HighestQuorumZxid(id => positions[id]));
        }
    }

    [Fact]
    public void Voters_missing_from_the_positions_count_as_having_nothing()
    {
        var tracker = new QuorumTracker([1, 2, 3]);
        Assert.Equal(Zxid.Zero, tracker.HighestQuorumZxid(id => id == 1 ? new Zxid(1, 5) : Zxid.Zero));
        Assert.Equal(new Zxid(1, 3), tracker.HighestQuorumZxid(id => id switch { 1 => new Zxid(1, 5), 2 => new Zxid(1, 3), _ => Zxid.Zero }));
    }
}
