using Coordinator.Client.Api;
using Coordinator.Client.Proxy;
using Coordinator.Client.Session;
using Coordinator.Protocol;
using Coordinator.Runtime.Actors;
using Coordinator.Tests.Interop.Servers;
using static Coordinator.Client.Proxy.ClientProxyProtocol;

namespace Coordinator.Tests.Client;

/// <summary>The actor proxy: commands answered to the sender, failures typed, events forwarded to subscribers.</summary>
public abstract class ClientProxyTests(IServerUnderTest target) : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("client-proxy-tests");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    private IActorRef StartProxy() =>
        _system.ActorOf(ClientProxyActor.Props(target.ConnectString(), ClientTesting.SessionTimeout));

    [Fact]
    public async Task Commands_are_answered_to_their_sender_with_past_tense_records()
    {
        var proxy = StartProxy();
        var probe = new MessageProbe(_system);
        var p = ClientTesting.UniquePath("proxy");

        proxy.Tell(new Create(p, [1]), probe.Ref);
        Assert.Equal(p, (await probe.ExpectAsync<Created>()).Path);
        proxy.Tell(new SetData(p, [2]), probe.Ref);
        Assert.Equal(1, (await probe.ExpectAsync<DataSet>()).Stat.Version);
        proxy.Tell(new GetData(p), probe.Ref);
        Assert.Equal([2], (await probe.ExpectAsync<ClientProxyProtocol.DataResult>()).Data);
        proxy.Tell(new Create(p + "/child"), probe.Ref);
        await probe.ExpectAsync<Created>();
        proxy.Tell(new GetChildren(p), probe.Ref);
        Assert.Equal(["child"], (await probe.ExpectAsync<ClientProxyProtocol.ChildrenResult>()).Children);
        proxy.Tell(new Delete(p + "/child"), probe.Ref);
        Assert.Equal(p + "/child", (await probe.ExpectAsync<Deleted>()).Path);
    }

    [Fact]
    public async Task Failures_carry_the_typed_keeper_exception()
    {
        var proxy = StartProxy();
        var probe = new MessageProbe(_system);
        var p = ClientTesting.UniquePath("proxy-fail");

        proxy.Tell(new GetData(p), probe.Ref);
        var missing = await probe.ExpectAsync<GetDataFailed>();
        Assert.Equal(p, Assert.IsType<NoNodeException>(missing.Reason).Path);
        proxy.Tell(new Delete(p), probe.Ref);
        Assert.IsType<NoNodeException>((await probe.ExpectAsync<DeleteFailed>()).Reason);
    }

    [Fact]
    public async Task Subscribers_receive_watch_events_before_the_answer_that_follows_them()
    {
        var proxy = StartProxy();
        var probe = new MessageProbe(_system);
        var p = ClientTesting.UniquePath("proxy-watch");
        proxy.Tell(new Subscribe(probe.Ref), probe.Ref);
        await probe.ExpectAsync<Subscribed>();
        Assert.Equal(ConnectionState.Connected, (await probe.ExpectAsync<SessionStateChanged>()).State);
        proxy.Tell(new Create(p), probe.Ref);
        await probe.ExpectAsync<Created>();

        proxy.Tell(new GetData(p, Watch: true), probe.Ref);
        await probe.ExpectAsync<ClientProxyProtocol.DataResult>();
        proxy.Tell(new SetData(p, [1]), probe.Ref);

        var fired = await probe.ExpectAsync<WatchEventReceived>();
        Assert.Equal(EventType.NodeDataChanged, fired.Event.Type);
        Assert.Equal(p, fired.Event.Path);
        await probe.ExpectAsync<DataSet>();

        proxy.Tell(new Watch(p, AddWatchMode.PersistentRecursive), probe.Ref);
        await probe.ExpectAsync<Watching>();
        proxy.Tell(new Create(p + "/kid"), probe.Ref);
        Assert.Equal(p + "/kid", (await probe.ExpectAsync<WatchEventReceived>()).Event.Path);
        await probe.ExpectAsync<Created>();
    }

    [Fact]
    public async Task Subscribers_are_told_when_the_session_expires()
    {
        var proxy = StartProxy();
        var probe = new MessageProbe(_system);
        proxy.Tell(new Subscribe(probe.Ref), probe.Ref);
        await probe.ExpectAsync<Subscribed>();
        Assert.Equal(ConnectionState.Connected, (await probe.ExpectAsync<SessionStateChanged>()).State);
        proxy.Tell(new GetSession(), probe.Ref);
        var session = await probe.ExpectAsync<SessionResult>();

        // Another connection takes the session over and closes it.
        var takeover = await ClientTesting.ConnectAsync(target,
            options: new CoordinatorClientOptions { ResumeSession = new SessionCredentials(session.SessionId, session.Password) });
        await takeover.DisposeAsync();

        Assert.Equal(ConnectionState.Disconnected, (await probe.ExpectAsync<SessionStateChanged>()).State);
        Assert.Equal(ConnectionState.Expired, (await probe.ExpectAsync<SessionStateChanged>()).State);
        proxy.Tell(new GetData("/"), probe.Ref);
        Assert.IsType<SessionExpiredException>((await probe.ExpectAsync<GetDataFailed>()).Reason);
    }
}

[Trait("Category", "Interop")]
public sealed class ClientProxyTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : ClientProxyTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class ClientProxyTests_Coordinator(CoordinatorServer server)
    : ClientProxyTests(server), IClassFixture<CoordinatorServer>;
