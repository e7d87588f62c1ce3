using System.Text;
using Coordinator.Actors.Auth;
using Coordinator.Actors.Member;
using Coordinator.Actors.Sessions;
using Coordinator.Actors.Settings;
using Coordinator.Protocol;
using Coordinator.Protocol.Framing;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.ClientPort;

/// <summary>
/// One client connection: the handshake, decoding request frames, tracking the connection's auth
/// identities, and encoding what the member sends back in the order it was sent. Requests go to the
/// session actor; replies and events come from the member. A malformed frame closes this
/// connection only.
/// </summary>
public sealed class ConnectionActor : ActorBase, IWithStash
{
    private readonly long _id;
    private readonly ClientSocket _socket;
    private readonly IActorRef _member;
    private readonly MemberSettings _settings;
    private readonly ILogger _log;
    private readonly Action _onStopped;
    private readonly ConnectionIdentities _identities;
    private IReadOnlyList<Id> _identitySnapshot; // what requests carry; renewed only when an auth packet changes it
    private IActorRef? _session;
    private bool _closing;

    public ConnectionActor(long id, ClientSocket socket, IActorRef member, MemberSettings settings, ILogger log, Action onStopped)
    {
        _id = id;
        _socket = socket;
        _member = member;
        _settings = settings;
        _log = log;
        _onStopped = onStopped;
        _identities = new ConnectionIdentities(socket.RemoteAddress, settings.SuperDigest.Length == 0 ? null : settings.SuperDigest);
        _identitySnapshot = [.. _identities.Ids];
        AwaitingHandshake();
    }

    public static Props Props(long id, ClientSocket socket, IActorRef member, MemberSettings settings, ILogger log, Action onStopped) =>
        Runtime.Actors.Props.Create(() => new ConnectionActor(id, socket, member, settings, log, onStopped));

    protected override void PreStart() => _socket.Start(Self, _settings.MaxFrameSize);

    protected override void PostStop()
    {
        _socket.Close();
        _member.Tell(new ConnectionClosed(_id));
        _session?.Tell(new SessionActor.Detach(Self));
        _onStopped();
    }

    private void AwaitingHandshake()
    {
        Receive<ClientSocket.FourLetterWordReceived>(word =>
        {
            _member.Tell(new GetStatus());
            Become(() => AnsweringFourLetterWord(word.Word.Name()));
        });
        Receive<ClientSocket.FrameReceived>(OnConnectFrame);
        ReceiveClosing();
    }

    private void AnsweringFourLetterWord(string word)
    {
        Receive<MemberStatus>(status =>
        {
            _socket.Send(Encoding.ASCII.GetBytes(FourLetterWordAnswers.Render(word, status, _settings.FourLetterWords)));
            Close($"answered {word}");
        });
        ReceiveClosing();
    }

    private void OnConnectFrame(ClientSocket.FrameReceived received)
    {
        ConnectRequest request;
        using (received.Frame)
        {
            try
            {
                request = JuteCodec.Decode<ConnectRequest>(received.Frame.Span, _settings.JuteMaxBuffer);
            }
            catch (JuteException error)
            {
                Close($"unreadable connect request: {error.Message}");
                return;
            }
        }
        var timeout = _settings.NegotiateSessionTimeout(request.TimeOut);
        _member.Tell(new OpenSession(_id, Self, _socket.RemoteAddress, request, timeout));
        Become(() => Connecting(request));
    }

    private void Connecting(ConnectRequest request)
    {
        Receive<SessionOpened>(opened =>
        {
            // Mirror the optional readOnly byte: present in the reply only if the client sent it.
            SendFrame(new ConnectResponse(0, opened.TimeoutMs, opened.SessionId, opened.Password, request.ReadOnly is null ? null : false));
            _session = opened.Session;
            Become(Connected);
            Stash.UnstashAll();
        });
        Receive<SessionRejected>(rejected =>
        {
            SendFrame(ConnectResponse.Invalid(request));
            Close(rejected.Reason);
        });
        Receive<RefuseConnection>(refused => Close(refused.Reason));
        // Clients may pipeline requests behind the handshake; they wait until the session is ready.
        Receive<ClientSocket.FrameReceived>(_ => Stash.Stash());
        ReceiveClosing();
    }

    private void Connected()
    {
        Receive<ClientSocket.FrameReceived>(OnRequestFrame);
        Receive<SendReply>(reply => SendFrame(reply.Header, reply.Body));
        // ZooKeeper 3.8 sends notifications with zxid -1.
        Receive<SendEvent>(e => SendFrame(new ReplyHeader(Xids.Notification, -1, ErrorCode.Ok), e.Event));
        ReceiveClosing();
    }

    private void ReceiveClosing()
    {
        Receive<CloseConnection>(close => Close(close.Reason));
        Receive<ClientSocket.Closed>(closed =>
        {
            _log.LogDebug("Connection {Id} from {Remote} closed: {Reason}", _id, _socket.RemoteEndPoint, closed.Reason);
            Context.Stop(Self);
        });
        // Replies for a connection that is going away are dropped with it.
        Receive<SendReply>(_ => { });
        Receive<SendEvent>(_ => { });
    }

    private void OnRequestFrame(ClientSocket.FrameReceived received)
    {
        using var frame = received.Frame;
        if (_closing) return;
        if (!RequestDecoder.TryDecodeFrame(frame.Span, out var header, out var decoded, _settings.JuteMaxBuffer))
        {
            Close(decoded.Error ?? "request frame shorter than its header");
            return;
        }
        ZkRequest request;
        if (decoded.Request is AuthPacket auth && _identities.Authenticate(auth) is var authResult && authResult != ErrorCode.Ok)
        {
            // The failure still answers in order with the other replies, then the connection closes.
            _closing = true;
            request = new RejectedRequest(authResult, CloseAfterReply: true, $"auth scheme '{auth.Scheme}' is not supported");
        }
        else if (decoded.IsOk)
        {
            request = decoded.Request!;
            if (request is AuthPacket) _identitySnapshot = [.. _identities.Ids];
        }
        else
        {
            var unknown = decoded.Status == RequestDecodeStatus.UnknownOpCode;
            _closing = unknown;
            request = new RejectedRequest(decoded.ErrorCode, CloseAfterReply: unknown, decoded.Error ?? "undecodable request");
        }
        _session!.Tell(new ClientRequest(_id, Self, _identitySnapshot, _socket.RemoteAddress, header.Xid, header.Type, request,
            Context.System.Clock.Elapsed.Ticks));
    }

    private void SendFrame(IJuteWritable record) => _socket.Send(FrameWriter.ToArray(record));

    private void SendFrame(ReplyHeader header, IJuteWritable? body) => _socket.Send(FrameWriter.ToArray(header, body));

    private void Close(string reason)
    {
        _log.LogDebug("Closing connection {Id} from {Remote}: {Reason}", _id, _socket.RemoteEndPoint, reason);
        _socket.Close();
        Context.Stop(Self);
    }
}
