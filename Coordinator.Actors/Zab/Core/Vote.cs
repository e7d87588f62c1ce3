namespace Coordinator.Actors.Zab.Core;

/// <summary>
/// An election vote: who should lead, and the history that candidate brings (its current epoch and
/// last logged zxid).
/// </summary>
public readonly record struct Vote(long Leader, Zxid LastZxid, uint PeerEpoch);

/// <summary>Fast leader election's total order on votes.</summary>
public static class VoteOrder
{
    /// <summary>
    /// Positive when <paramref name="a"/> is the better vote: higher peer epoch first, then higher last
    /// zxid, then higher server id. The id breaks every tie, so distinct candidates never compare equal.
    /// </summary>
    public static int Compare(Vote a, Vote b)
    {
        if (a.PeerEpoch != b.PeerEpoch) return a.PeerEpoch.CompareTo(b.PeerEpoch);
        if (a.LastZxid != b.LastZxid) return a.LastZxid.CompareTo(b.LastZxid);
        return a.Leader.CompareTo(b.Leader);
    }

    /// <summary>The better of two votes.</summary>
    public static Vote Better(Vote a, Vote b) => Compare(a, b) >= 0 ? a : b;
}
