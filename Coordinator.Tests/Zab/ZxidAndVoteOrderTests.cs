using Coordinator.Actors.Zab.Core;

namespace Coordinator.Tests.Zab;

public sealed class ZxidAndVoteOrderTests
{
    [Theory]
    [InlineData(0u, 0u, 0L)]
    [InlineData(1u, 0u, 0x1_0000_0000L)]
    [InlineData(1u, 7u, 0x1_0000_0007L)]
    [InlineData(0x7fffffffu, 0xffffffffu, long.MaxValue)]
    public void Zxid_packs_epoch_in_the_high_32_bits_and_counter_in_the_low_32(uint epoch, uint counter, long packed)
    {
        Assert.Equal(packed, new Zxid(epoch, counter).ToLong());
        Assert.Equal(new Zxid(epoch, counter), Zxid.FromLong(packed));
    }

    [Fact]
    public void Zxid_orders_by_epoch_before_counter()
    {
        Assert.True(new Zxid(2, 0) > new Zxid(1, uint.MaxValue));
        Assert.True(new Zxid(1, 2) > new Zxid(1, 1));
        Assert.True(new Zxid(1, 1) <= new Zxid(1, 1));
        Assert.Equal(new Zxid(3, 1), Zxid.FirstOf(3));
        Assert.Equal(new Zxid(3, 5), new Zxid(3, 4).Next());
    }

    [Fact]
    public void Zxid_follows_only_with_the_next_counter_or_a_later_epoch()
    {
        Assert.True(new Zxid(1, 4).IsFollowedBy(new Zxid(1, 5)));
        Assert.True(new Zxid(1, 4).IsFollowedBy(new Zxid(2, 1)));
        Assert.False(new Zxid(1, 4).IsFollowedBy(new Zxid(1, 6)));
        Assert.False(new Zxid(1, 4).IsFollowedBy(new Zxid(1, 4)));
        Assert.False(new Zxid(2, 1).IsFollowedBy(new Zxid(1, 9)));
    }

    [Fact]
    public void An_exhausted_counter_needs_a_new_epoch() =>
        Assert.Throws<InvalidOperationException>(() => new Zxid(1, uint.MaxValue).Next());

    private static IEnumerable<Vote> SmallVoteSpace() =>
        from epoch in new uint[] { 0, 1, 2 }
        from zxid in new[] { Zxid.Zero, new Zxid(1, 1), new Zxid(1, 2), new Zxid(2, 1) }
        from id in new long[] { 1, 2, 3 }
        select new Vote(id, zxid, epoch);

    [Fact]
    public void Vote_order_is_epoch_then_zxid_then_id_over_every_pair_of_a_small_space()
    {
        var votes = SmallVoteSpace().ToList();
        foreach (var a in votes)
        foreach (var b in votes)
        {
            var oracle = (a.PeerEpoch, a.LastZxid.ToLong(), a.Leader).CompareTo((b.PeerEpoch, b.LastZxid.ToLong(), b.Leader));
            Assert.Equal(Math.Sign(oracle), Math.Sign(VoteOrder.Compare(a, b)));
            Assert.Equal(-Math.Sign(VoteOrder.Compare(b, a)), Math.Sign(VoteOrder.Compare(a, b)));
        }
    }

    [Fact]
    public void Vote_order_is_transitive_and_only_equal_votes_tie()
    {
        var votes = SmallVoteSpace().ToList();
        foreach (var a in votes)
        foreach (var b in votes)
        {
            Assert.Equal(a == b, VoteOrder.Compare(a, b) == 0);
            if (VoteOrder.Compare(a, b) <= 0) continue;
            foreach (var c in votes.Where(c => VoteOrder.Compare(b, c) > 0))
                Assert.True(VoteOrder.Compare(a, c) > 0);
        }
    }

    [Fact]
    public void A_higher_epoch_beats_a_higher_zxid_which_beats_a_higher_id()
    {
        var olderEpochLongerLog = new Vote(3, new Zxid(1, 9), PeerEpoch: 1);
        var newerEpoch = new Vote(1, new Zxid(2, 1), PeerEpoch: 2);
        var sameEpochLongerLog = new Vote(1, new Zxid(2, 2), PeerEpoch: 2);
        var sameLogHigherId = new Vote(2, new Zxid(2, 2), PeerEpoch: 2);
        Assert.Equal(newerEpoch, VoteOrder.Better(olderEpochLongerLog, newerEpoch));
        Assert.Equal(sameEpochLongerLog, VoteOrder.Better(newerEpoch, sameEpochLongerLog));
        Assert.Equal(sameLogHigherId, VoteOrder.Better(sameLogHigherId, sameEpochLongerLog));
    }
}
