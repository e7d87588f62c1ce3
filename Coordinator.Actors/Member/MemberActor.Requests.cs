using Coordinator.Actors.Prep;
using Coordinator.Actors.Reads;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

public sealed partial class MemberActor
{
    private void OnSessionRequest(SessionRequest sessionRequest)
    {
        var request = sessionRequest.Request;
        if (_connections.TryGetValue(request.ConnectionId, out var connection))
        {
            connection.Identities = request.Identities;
            connection.Counters.Received();
        }
        if (!_sessions.TryGetValue(sessionRequest.SessionId, out var session))
        {
            Reply(request, ErrorCode.SessionExpired, null);
            return;
        }
        if (IsWrite(request.Op))
        {
            ProposeWrite(sessionRequest.SessionId, session, request);
            session.Pending.Enqueue(new QueuedRequest(request, IsWrite: true));
        }
        else if (session.Pending.Count > 0)
        {
            // An earlier write of this session is not applied yet: the read must see it, so it waits.
            session.Pending.Enqueue(new QueuedRequest(request, IsWrite: false));
        }
        else
        {
            AnswerRead(sessionRequest.SessionId, session, request);
        }
    }

    private void ProposeWrite(long sessionId, SessionEntry session, ClientRequest request)
    {
        var origin = new FromClient(sessionId, request);
        if (request.Op == OpCode.CloseSession)
        {
            session.Closing = true;
            Propose(sessionId, request.Xid, zxid => _prep.PrepareCloseSession(sessionId, zxid), origin);
            return;
        }
        var caller = new PrepCaller(sessionId, request.Identities, session.Closing);
        Propose(sessionId, request.Xid, zxid => _prep.Prepare(caller, zxid, request.Op, request.Request), origin);
    }

    private void AnswerRead(long sessionId, SessionEntry session, ClientRequest request)
    {
        if (request.Request is RejectedRequest rejected)
        {
            Reply(request, rejected.Error, null);
            if (rejected.CloseAfterReply) request.Connection.Tell(new CloseConnection(rejected.Reason));
            return;
        }
        if (session.Closing)
        {
            Reply(request, ErrorCode.SessionExpired, null);
            return;
        }
        var outcome = _reads.Execute(new ReadCaller(request.ConnectionId, sessionId, request.Identities), request.Op, request.Request);
        foreach (var caughtUp in outcome.EventsBefore)
            request.Connection.Tell(new SendEvent(new WatcherEvent(caughtUp.Type, KeeperState.SyncConnected, caughtUp.Path)));
        Reply(request, outcome.Error, outcome.Error == ErrorCode.Ok ? outcome.Body : null);
        if (outcome.Error == ErrorCode.Unimplemented)
            request.Connection.Tell(new CloseConnection($"{request.Op} answered {outcome.Error}"));
    }

    /// <summary>After the head write of a session is applied, the reads queued behind it are answered in order.</summary>
    private void AnswerQueuedReads(long sessionId, SessionEntry session)
    {
        while (session.Pending.TryPeek(out var next) && !next.IsWrite)
        {
            session.Pending.Dequeue();
            AnswerRead(sessionId, session, next.Request);
        }
    }

    private void Reply(ClientRequest request, ErrorCode error, ZkResponse? body)
    {
        // Auth replies carry zxid 0, as ZooKeeper's do; every other reply the last applied zxid.
        var zxid = request.Op == OpCode.Auth ? 0 : _tree.LastZxid;
        var xid = request.Op switch
        {
            OpCode.Ping => Xids.Ping,
            OpCode.Auth => Xids.Auth,
            _ => request.Xid,
        };
        request.Connection.Tell(new SendReply(new ReplyHeader(xid, zxid, error), body));
        if (_connections.TryGetValue(request.ConnectionId, out var connection))
            connection.Counters.Replied(request, zxid, NowMs, Context.System.Clock.Elapsed.Ticks);
        _latency.Record(request.ReceivedAtTicks, Context.System.Clock.Elapsed.Ticks);
    }

    private static bool IsWrite(OpCode op) => op is OpCode.Create or OpCode.Create2 or OpCode.CreateContainer
        or OpCode.CreateTtl or OpCode.Delete or OpCode.SetData or OpCode.SetAcl or OpCode.Multi
        or OpCode.CloseSession or OpCode.DeleteContainer;
}
