using Coordinator.Actors.ClientPort;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Runtime.Actors;

namespace Coordinator.Actors.Member;

/// <summary>Messages between connections, sessions and the member.</summary>
public static class MemberProtocol
{
    /// <summary>A connection finished its handshake frame and wants a session (new or resumed).</summary>
    public sealed record OpenSession(long ConnectionId, IActorRef Connection, string RemoteAddress, ConnectRequest Request, int NegotiatedTimeoutMs);

    /// <summary>The session is ready on this connection: send the ConnectResponse.</summary>
    public sealed record SessionOpened(long SessionId, byte[] Password, int TimeoutMs, IActorRef Session);

    /// <summary>Unknown, expired or wrong-password session: send the invalid-session response and close.</summary>
    public sealed record SessionRejected(string Reason);

    /// <summary>Close without any response (e.g. the client has seen a newer zxid than this member).</summary>
    public sealed record RefuseConnection(string Reason);

    /// <summary>A decoded request from a connection, as it travels through its session to the member.</summary>
    public sealed record ClientRequest(
        long ConnectionId,
        IActorRef Connection,
        IReadOnlyList<Id> Identities,
        string RemoteAddress,
        int Xid,
        OpCode Op,
        ZkRequest Request,
        long ReceivedAtTicks);

    /// <summary>A request stamped by the session actor with its session.</summary>
    public sealed record SessionRequest(long SessionId, ClientRequest Request);

    /// <summary>A session's timer ran out: close it as if it had sent closeSession.</summary>
    public sealed record ExpireSession(long SessionId);

    /// <summary>A connection's socket is gone; its watches go with it (the session lives on).</summary>
    public sealed record ConnectionClosed(long ConnectionId);

    /// <summary>Asks for the member's state for the four-letter words; answered with a <see cref="MemberStatus"/>.</summary>
    public sealed record GetStatus;

    /// <summary>Write a reply frame.</summary>
    public sealed record SendReply(ReplyHeader Header, ZkResponse? Body);

    /// <summary>Write a watch notification frame.</summary>
    public sealed record SendEvent(WatcherEvent Event);

    /// <summary>Flush what was sent and close the connection.</summary>
    public sealed record CloseConnection(string Reason);
}
