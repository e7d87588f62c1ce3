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
        if (!IsServing)
        {
            // It was sent before this member stopped serving; its connection is being closed.
            request.Connection.Tell(new CloseConnection($"member {_settings.Id} is not serving"));
            return;
        }
        if (!_sessions.TryGetValue(sessionRequest.SessionId, out var session))
        {
            Reply(request, ErrorCode.SessionExpired, null);
            return;
        }
        SessionHeardFrom(sessionRequest.SessionId);
        if (IsWrite(request))
        {
            session.Pending.Enqueue(new QueuedRequest(request, IsWrite: true));
            SubmitWrite(sessionRequest.SessionId, session, request);
        }
        else if (_zab is not null && request is { Op: OpCode.Sync, Request: SyncRequest })
        {
            // A barrier in the session's queue: later reads wait until this member caught up with the leader.
            session.Pending.Enqueue(new QueuedRequest(request, IsWrite: true));
            RequestSync(sessionRequest.SessionId, request.Xid);
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

    private void SubmitWrite(long sessionId, SessionEntry session, ClientRequest request)
    {
        if (request.Op == OpCode.CloseSession)
        {
            session.Closing = true;
            Submit(new CloseSession(sessionId, request.Xid));
            return;
        }
        Submit(new ClientWrite(sessionId, request.Xid, request.Op, request.Request, request.Identities));
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

    /// <summary>A request that becomes a txn. One that could not be decoded is answered in place, like a read.</summary>
    private static bool IsWrite(ClientRequest request) => request.Request is not RejectedRequest && request.Op is OpCode.Create
        or OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl or OpCode.Delete or OpCode.SetData or OpCode.SetAcl
        or OpCode.Multi or OpCode.CloseSession or OpCode.DeleteContainer;
}
