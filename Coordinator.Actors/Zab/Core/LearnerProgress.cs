namespace Coordinator.Actors.Zab.Core;

/// <summary>Where one learner stands in the leader's discovery, sync and broadcast.</summary>
internal enum LearnerStage
{
    /// <summary>FOLLOWERINFO/OBSERVERINFO received; LEADERINFO not sent yet (epoch not chosen).</summary>
    Registered,
    /// <summary>LEADERINFO sent; waiting for ACKEPOCH.</summary>
    EpochProposed,
    /// <summary>ACKEPOCH received; waiting for a quorum of them before syncing.</summary>
    EpochAcked,
    /// <summary>Sync stream and NEWLEADER sent; proposals are forwarded from now on.</summary>
    Syncing,
    /// <summary>UPTODATE sent; commits are forwarded.</summary>
    Serving,
}

/// <summary>The leader's record of one connected learner.</summary>
internal sealed class LearnerProgress(long id, bool isObserver, uint acceptedEpoch, Zxid lastZxid)
{
    public long Id { get; } = id;
    public bool IsObserver { get; } = isObserver;
    public uint AcceptedEpoch { get; } = acceptedEpoch;
    public Zxid LastZxid { get; set; } = lastZxid;
    public LearnerStage Stage { get; set; } = LearnerStage.Registered;

    /// <summary>The leader's last zxid when the sync stream was cut; the NEWLEADER ack vouches up to it.</summary>
    public Zxid SyncedUpTo { get; set; }

    public bool NewLeaderAcked { get; set; }

    /// <summary>Everything up to here is durable on the learner.</summary>
    public Zxid Acked { get; set; }

    public int TicksSinceHeard { get; set; }
}
