using Coordinator.Actors.Zab.Core;
using Coordinator.Protocol;

namespace Coordinator.Actors.Zab.Wire;

/// <summary>The byte that tags each peer frame. Values follow ZooKeeper's quorum packet types where one exists.</summary>
public enum PeerMessageType : byte
{
    ForwardedRequest = 1,
    Proposal = 2,
    Ack = 3,
    Commit = 4,
    Ping = 5,
    SyncReply = 7,
    Inform = 8,
    NewLeader = 10,
    FollowerInfo = 11,
    UpToDate = 12,
    Diff = 13,
    Trunc = 14,
    Snap = 15,
    ObserverInfo = 16,
    LeaderInfo = 17,
    AckEpoch = 18,
    /// <summary>Election traffic (ZooKeeper sends it on a separate port, without a packet type).</summary>
    Notification = 100,
    SessionTouches = 101,
    /// <summary>Link-level liveness on an idle connection; the peer links consume it and never hand it on.</summary>
    LinkHeartbeat = 102,
}

/// <summary>A member's state as reported in election notifications (ZooKeeper's ServerState order).</summary>
public enum PeerState : byte { Looking = 0, Following = 1, Leading = 2, Observing = 3 }

/// <summary>One message between ensemble members.</summary>
public abstract record PeerMessage
{
    public abstract PeerMessageType Type { get; }
}

/// <summary>Election: the sender's current vote, its election round and its state.</summary>
public sealed record Notification(Vote Vote, long Round, PeerState State) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Notification;
}

/// <summary>Follower to leader, discovery: the newest epoch it accepted and its last logged zxid.</summary>
public sealed record FollowerInfo(uint AcceptedEpoch, Zxid LastZxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.FollowerInfo;
}

/// <summary>Observer to leader, discovery: as <see cref="FollowerInfo"/>, but the sender never votes.</summary>
public sealed record ObserverInfo(uint AcceptedEpoch, Zxid LastZxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.ObserverInfo;
}

/// <summary>Leader to learner: the new epoch it proposes.</summary>
public sealed record LeaderInfo(uint Epoch) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.LeaderInfo;
}

/// <summary>Learner to leader: it accepted the new epoch; its current epoch and last zxid decide the sync.</summary>
public sealed record AckEpoch(uint CurrentEpoch, Zxid LastZxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.AckEpoch;
}

/// <summary>Sync header: the learner's log is a prefix of the leader's; proposals follow.</summary>
public sealed record Diff(Zxid LeaderLastZxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Diff;
}

/// <summary>Sync header: drop every entry above <paramref name="TruncateTo"/>; proposals may follow.</summary>
public sealed record Trunc(Zxid TruncateTo) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Trunc;
}

/// <summary>Sync header: replace the state with this snapshot; proposals after its zxid follow.</summary>
public sealed record Snap(Zxid SnapshotZxid, byte[] State) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Snap;
}

/// <summary>End of the sync stream: the learner adopts <paramref name="Epoch"/> as its current epoch.</summary>
public sealed record NewLeader(uint Epoch) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.NewLeader;
}

/// <summary>The leader has a synced quorum; the learner may serve. Everything up to <paramref name="CommittedZxid"/> is committed.</summary>
public sealed record UpToDate(Zxid CommittedZxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.UpToDate;
}

/// <summary>A transaction to log (sync stream or broadcast).</summary>
public sealed record Proposal(Zxid Zxid, byte[] Txn) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Proposal;
}

/// <summary>
/// Follower to leader: everything up to <paramref name="Zxid"/> is durable in its journal. Counter 0
/// acknowledges NEWLEADER (the whole sync stream is durable and the epoch adopted).
/// </summary>
public sealed record Ack(Zxid Zxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Ack;
}

/// <summary>Leader to follower: everything up to <paramref name="Zxid"/> is committed.</summary>
public sealed record Commit(Zxid Zxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Commit;
}

/// <summary>Leader to observer: a committed transaction (observers never see uncommitted proposals' acks).</summary>
public sealed record Inform(Zxid Zxid, byte[] Txn) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Inform;
}

/// <summary>Liveness both ways: the leader pings learners, learners answer with their last zxid.</summary>
public sealed record Ping(Zxid LastZxid) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.Ping;
}

/// <summary>
/// Learner to leader (ZooKeeper's REQUEST): a client request the leader must prepare, i.e. a write, sync,
/// createSession or closeSession. <paramref name="Body"/> is the request body as the member encodes it
/// (opaque here); <paramref name="Identities"/> are the auth identities of the client's connection.
/// The member routes it; ZabCore ignores it.
/// </summary>
public sealed record ForwardedRequest(long SessionId, int Cxid, int OpCode, byte[] Body, IReadOnlyList<Id> Identities) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.ForwardedRequest;
}

/// <summary>
/// Leader to learner (ZooKeeper's SYNC): the forwarded sync (<paramref name="SessionId"/>, <paramref name="Cxid"/>)
/// is answered once the learner has applied everything up to <paramref name="UpTo"/>.
/// </summary>
public sealed record SyncReply(long SessionId, int Cxid, Zxid UpTo) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.SyncReply;
}

/// <summary>Learner to leader: these sessions had traffic since the last report, so their expiry moves on.</summary>
public sealed record SessionTouches(IReadOnlyList<long> SessionIds) : PeerMessage
{
    public override PeerMessageType Type => PeerMessageType.SessionTouches;
}

/// <summary>
/// Link-level keep-alive, sent on a connection that was idle for the heartbeat interval so that a half-open
/// connection is noticed. The peer links swallow it; owners never see it.
/// </summary>
public sealed record LinkHeartbeat : PeerMessage
{
    public static readonly LinkHeartbeat Instance = new();

    public override PeerMessageType Type => PeerMessageType.LinkHeartbeat;
}
