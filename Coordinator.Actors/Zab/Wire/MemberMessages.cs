using Coordinator.Actors.Zab.Core;
using Coordinator.Protocol;

namespace Coordinator.Actors.Zab.Wire;

/// <summary>Learner to leader: a client write (or sync, createSession, closeSession) for the leader to prepare.</summary>
public sealed record ForwardedRequest(long SessionId, int Cxid, int OpCode, byte[] Body, IReadOnlyList<Id> Identities) : PeerMessage
{
    public override PeerMessageType Type => (PeerMessageType)1;
}

/// <summary>Leader to learner: the forwarded sync is answered once the learner applied up to <paramref name="UpTo"/>.</summary>
public sealed record SyncReply(long SessionId, int Cxid, Zxid UpTo) : PeerMessage
{
    public override PeerMessageType Type => (PeerMessageType)7;
}

/// <summary>Learner to leader: these sessions had traffic since the last report.</summary>
public sealed record SessionTouches(IReadOnlyList<long> SessionIds) : PeerMessage
{
    public override PeerMessageType Type => (PeerMessageType)101;
}
