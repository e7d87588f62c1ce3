using Coordinator.Client.Api;
using Coordinator.Client.Proxy;
using Coordinator.Client.Session;
using Coordinator.Protocol;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;
using Coordinator.Tests.Interop.Servers;
using static Coordinator.Client.Proxy.ClientProxyProtocol;

namespace Coordinator.Tests.Client;

/// <summary>The actor proxy: commands answered to the sender, failures typed, events forwarded to subscribers.</summary>
public abstract class ClientProxyTests(IServerUnderTest target) : TestKit(systemName: "client-proxy-tests")
{
    // Each answer needs a round trip to a real server (a JVM for Apache ZooKeeper) on a shared machine.
    private static readonly TimeSpan Answer = Dilated(TimeSpan.FromSeconds(15));

    private IActorRef StartProxy() =>
        Sys.ActorOf(ClientProxyActor.Props(target.ConnectString(), ClientTesting.SessionTimeout));

    [Fact]
    public void Commands_are_answered_to_their_sender_with_past_tense_records()
    {
        var proxy = StartProxy();
        var probe = CreateTestProbe();
        var p = ClientTesting.UniquePath("proxy");

        proxy.Tell(new Create(p, [1]), probe.Ref);
        Assert.Equal(p, (probe.ExpectMsg<Created>(Answer)).Path);
        proxy.Tell(new SetData(p, [2]), probe.Ref);
        Assert.Equal(1, (probe.ExpectMsg<DataSet>(Answer)).Stat.Version);
        proxy.Tell(new GetData(p), probe.Ref);
        Assert.Equal([2], (probe.ExpectMsg<ClientProxyProtocol.DataResult>(Answer)).Data);
        proxy.Tell(new Create(p + "/child"), probe.Ref);
        probe.ExpectMsg<Created>(Answer);
        proxy.Tell(new GetChildren(p), probe.Ref);
        Assert.Equal(["child"], (probe.ExpectMsg<ClientProxyProtocol.ChildrenResult>(Answer)).Children);
        proxy.Tell(new Delete(p + "/child"), probe.Ref);
        Assert.Equal(p + "/child", (probe.ExpectMsg<Deleted>(Answer)).Path);
    }

    [Fact]
    public void Failures_carry_the_typed_keeper_exception()
    {
        var proxy = StartProxy();
        var probe = CreateTestProbe();
        var p = ClientTesting.UniquePath("proxy-fail");

        proxy.Tell(new GetData(p), probe.Ref);
        var missing = probe.ExpectMsg<GetDataFailed>(Answer);
        Assert.Equal(p, Assert.IsType<NoNodeException>(missing.Reason).Path);
        proxy.Tell(new Delete(p), probe.Ref);
        Assert.IsType<NoNodeException>((probe.ExpectMsg<DeleteFailed>(Answer)).Reason);
    }

    [Fact]
    public void Subscribers_receive_watch_events_before_the_answer_that_follows_them()
    {
        var proxy = StartProxy();
        var probe = CreateTestProbe();
        var p = ClientTesting.UniquePath("proxy-watch");
        proxy.Tell(new Subscribe(probe.Ref), probe.Ref);
        probe.ExpectMsg<Subscribed>(Answer);
        Assert.Equal(ConnectionState.Connected, (probe.ExpectMsg<SessionStateChanged>(Answer)).State);
        proxy.Tell(new Create(p), probe.Ref);
        probe.ExpectMsg<Created>(Answer);

        proxy.Tell(new GetData(p, Watch: true), probe.Ref);
        probe.ExpectMsg<ClientProxyProtocol.DataResult>(Answer);
        proxy.Tell(new SetData(p, [1]), probe.Ref);

        var fired = probe.ExpectMsg<WatchEventReceived>(Answer);
        Assert.Equal(EventType.NodeDataChanged, fired.Event.Type);
        Assert.Equal(p, fired.Event.Path);
        probe.ExpectMsg<DataSet>(Answer);

        proxy.Tell(new Watch(p, AddWatchMode.PersistentRecursive), probe.Ref);
        probe.ExpectMsg<Watching>(Answer);
        proxy.Tell(new Create(p + "/kid"), probe.Ref);
        Assert.Equal(p + "/kid", (probe.ExpectMsg<WatchEventReceived>(Answer)).Event.Path);
        probe.ExpectMsg<Created>(Answer);
    }

    [Fact]
    public async Task Subscribers_are_told_when_the_session_expires()
    {
        var proxy = StartProxy();
        var probe = CreateTestProbe();
        proxy.Tell(new Subscribe(probe.Ref), probe.Ref);
        probe.ExpectMsg<Subscribed>(Answer);
        Assert.Equal(ConnectionState.Connected, (probe.ExpectMsg<SessionStateChanged>(Answer)).State);
        proxy.Tell(new GetSession(), probe.Ref);
        var session = probe.ExpectMsg<SessionResult>(Answer);

        // Another connection takes the session over and closes it.
        var takeover = await ClientTesting.ConnectAsync(target,
            options: new CoordinatorClientOptions { ResumeSession = new SessionCredentials(session.SessionId, session.Password) });
        await takeover.DisposeAsync();

        Assert.Equal(ConnectionState.Disconnected, (probe.ExpectMsg<SessionStateChanged>(Answer)).State);
        Assert.Equal(ConnectionState.Expired, (probe.ExpectMsg<SessionStateChanged>(Answer)).State);
        proxy.Tell(new GetData("/"), probe.Ref);
        Assert.IsType<SessionExpiredException>((probe.ExpectMsg<GetDataFailed>(Answer)).Reason);
    }
}

[Trait("Category", "Interop")]
public sealed class ClientProxyTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : ClientProxyTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class ClientProxyTests_Coordinator(CoordinatorServer server)
    : ClientProxyTests(server), IClassFixture<CoordinatorServer>;
