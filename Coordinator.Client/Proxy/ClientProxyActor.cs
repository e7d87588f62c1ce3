using Coordinator.Client.Api;
using Coordinator.Client.Session;
using Coordinator.Client.Watches;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Patterns;
using static Coordinator.Client.Proxy.ClientProxyProtocol;

namespace Coordinator.Client.Proxy;

/// <summary>
/// An actor that owns one client session: it connects when it starts (commands that arrive meanwhile are
/// stashed), answers <see cref="ClientProxyProtocol"/> commands to their senders, forwards watch events and
/// state changes to its subscribers, and closes the session when it stops. The client's tasks complete
/// off the actor's thread; their outcomes come back as messages, so no handler ever awaits.
/// </summary>
public sealed class ClientProxyActor : ActorBase, IWithStash
{
    private readonly string _connectionString;
    private readonly TimeSpan _sessionTimeout;
    private readonly CoordinatorClientOptions? _options;
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly Action<WatchedEvent> _forwardEvent;
    private CoordinatorClient? _client;
    private ConnectionState? _lastState;

    public ClientProxyActor(string connectionString, TimeSpan sessionTimeout, CoordinatorClientOptions? options = null)
    {
        _connectionString = connectionString;
        _sessionTimeout = sessionTimeout;
        _options = options;
        var self = Self;
        _forwardEvent = e => self.Tell(new WatchEventReceived(e));
        Receive<ClientReady>(ready => BecomeReady(ready.Client));
        Receive<Status.Failure>(failure => ConnectFailedStop(failure.Cause));
        ReceiveSubscriptions();
        ReceiveAny(_ => Stash.Stash());
    }

    public static Props Props(string connectionString, TimeSpan sessionTimeout, CoordinatorClientOptions? options = null) =>
        Runtime.Actors.Props.Create(() => new ClientProxyActor(connectionString, sessionTimeout, options));

    protected override void PreStart() =>
        CoordinatorClient.ConnectAsync(_connectionString, _sessionTimeout, _options).PipeTo(Self, success: client => new ClientReady(client));

    protected override void PostStop()
    {
        if (_client is { } client)
        {
            client.StateChanged -= OnStateChanged;
            _ = client.DisposeAsync().AsTask();
        }
    }

    private void BecomeReady(CoordinatorClient client)
    {
        _client = client;
        client.StateChanged += OnStateChanged;
        PublishState(client.State);
        Become(() =>
        {
            ReceiveSubscriptions();
            Receive<Create>(c => Answer(client.CreateAsync(c.Path, c.Data, c.Mode), r => new Created(r.Path, r.Stat), e => new CreateFailed(c.Path, e)));
            Receive<GetData>(g => Answer(client.GetDataAsync(g.Path, g.Watch ? _forwardEvent : null),
                r => new ClientProxyProtocol.DataResult(g.Path, r.Data, r.Stat), e => new GetDataFailed(g.Path, e)));
            Receive<SetData>(s => Answer(client.SetDataAsync(s.Path, s.Data, s.Version), stat => new DataSet(s.Path, stat), e => new SetDataFailed(s.Path, e)));
            Receive<Delete>(d => Answer(Then(client.DeleteAsync(d.Path, d.Version), d.Path),
                path => new Deleted(path), e => new DeleteFailed(d.Path, e)));
            Receive<GetChildren>(g => Answer(client.GetChildrenAsync(g.Path, g.Watch ? _forwardEvent : null),
                r => new ClientProxyProtocol.ChildrenResult(g.Path, r.Children, r.Stat), e => new GetChildrenFailed(g.Path, e)));
            Receive<Watch>(w => Answer(Then(client.AddWatchAsync(w.Path, w.Mode, _forwardEvent), w),
                _ => new Watching(w.Path, w.Mode), e => new WatchFailed(w.Path, e)));
            Receive<GetSession>(_ => Sender.Tell(new SessionResult(client.SessionId, client.SessionPassword, client.State), Self));
            Receive<Answered>(a => a.Asker.Tell(a.Message, Self));
            Receive<WatchEventReceived>(Publish);
            Receive<SessionStateChanged>(changed => PublishState(changed.State));
        }, discardOld: true);
        Stash.UnstashAll();
    }

    private void ReceiveSubscriptions()
    {
        Receive<Subscribe>(s =>
        {
            if (_subscribers.Add(s.Subscriber))
                Context.Watch(s.Subscriber);
            Sender.Tell(new Subscribed(s.Subscriber), Self);
            if (_lastState is { } state)
                s.Subscriber.Tell(new SessionStateChanged(state), Self);
        });
        Receive<Unsubscribe>(u =>
        {
            if (_subscribers.Remove(u.Subscriber))
                Context.Unwatch(u.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    // The answer comes back through this mailbox: a watch event the client dispatched before the reply
    // was told to Self first, so subscribers that are also the asker see the event before the answer.
    private void Answer<T>(Task<T> operation, Func<T, object> success, Func<Exception, object> failure)
    {
        var asker = Sender;
        operation.PipeTo(Self, Self, result => new Answered(asker, success(result)), e => new Answered(asker, failure(e)));
    }

    private void Publish(object message)
    {
        foreach (var subscriber in _subscribers)
            subscriber.Tell(message, Self);
    }

    // The Connected change may be dispatched before or after this actor hooks the event; subscribers
    // get each state once either way.
    private void PublishState(ConnectionState state)
    {
        if (_lastState == state)
            return;
        _lastState = state;
        Publish(new SessionStateChanged(state));
    }

    private void ConnectFailedStop(Exception reason)
    {
        Publish(new ConnectFailed(reason));
        Context.Stop(Self);
    }

    // Runs on the client's dispatch loop: only a Tell, so the loop is never held up by the actor.
    private void OnStateChanged(ConnectionState state) => Self.Tell(new SessionStateChanged(state));

    private static async Task<T> Then<T>(Task operation, T value)
    {
        await operation.ConfigureAwait(false);
        return value;
    }

    private sealed record ClientReady(CoordinatorClient Client);

    private sealed record Answered(IActorRef Asker, object Message);
}
