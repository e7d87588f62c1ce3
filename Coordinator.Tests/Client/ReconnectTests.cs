using Coordinator.Client.Api;
using Coordinator.Client.Session;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>
/// The member a session is connected to goes away mid-session: the client reconnects, resumes the same
/// session, and its ephemerals and watches (one-shot and persistent) survive.
/// </summary>
public abstract class ReconnectTests
{
    private static readonly TimeSpan LongSession = TimeSpan.FromSeconds(30);

    /// <summary>The connection string of the client under test.</summary>
    protected abstract string ClientConnectString { get; }

    /// <summary>A connection string for an observer that stays usable while the client's member is down.</summary>
    protected abstract string ObserverConnectString { get; }

    /// <summary>Takes away the member <paramref name="client"/> is connected to; service continues (or resumes) within the session timeout.</summary>
    protected abstract Task InterruptAsync(CoordinatorClient client);

    [Fact]
    public async Task The_session_resumes_on_reconnect_with_its_ephemerals_and_watches()
    {
        await using var client = await CoordinatorClient.ConnectAsync(ClientConnectString, LongSession);
        var p = ClientTesting.UniquePath("failover");
        await client.CreateAsync(p);
        await client.CreateAsync(p + "/mine", mode: CreateMode.Ephemeral);
        var oneShot = new TaskCompletionSource<WatchedEvent>();
        await client.GetDataAsync(p, e => oneShot.TrySetResult(e));
        await using var persistent = await client.WatchAsync(p);
        var session = client.SessionId;
        var reconnected = ReconnectedAsync(client);

        await InterruptAsync(client);

        Assert.Equal([ConnectionState.Disconnected, ConnectionState.Connected], await reconnected.Within());
        Assert.Equal(session, client.SessionId);
        await using var observer = await CoordinatorClient.ConnectAsync(ObserverConnectString, LongSession);
        Assert.Equal(session, (await observer.ExistsAsync(p + "/mine"))?.EphemeralOwner);
        await observer.SetDataAsync(p, [1]);
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, p), await oneShot.Task.Within());
        Assert.Equal(EventType.NodeDataChanged, (await persistent.FirstAsync().AsTask().Within()).Type);
        Assert.Equal([p + "/mine"], await client.GetEphemeralsAsync(p));
    }

    // The states up to and including the first reconnection.
    private static async Task<List<ConnectionState>> ReconnectedAsync(CoordinatorClient client)
    {
        var states = new List<ConnectionState>();
        await foreach (var state in client.StateChangesAsync())
        {
            states.Add(state);
            if (state.IsConnected() || state.IsFinal())
                return states;
        }

        return states;
    }
}

/// <summary>
/// Two members of a three-member Apache ZooKeeper ensemble in the client's connection string; the one the
/// client is on is killed, the client moves to the other.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ReconnectTests_ApacheZooKeeperEnsemble(ApacheZooKeeperEnsemble ensemble)
    : ReconnectTests, IClassFixture<ApacheZooKeeperEnsemble>, IAsyncLifetime
{
    private int? _stopped;

    protected override string ClientConnectString => Members(0, 1);

    protected override string ObserverConnectString => Members(2);

    protected override async Task InterruptAsync(CoordinatorClient client)
    {
        var port = client.CurrentServer!.Port;
        var id = ensemble.Ensemble.Members.Single(m => m.ClientPort == port).Id;
        _stopped = id;
        ensemble.Ensemble.KillMember(id);
        await ensemble.Ensemble.WaitForLeaderAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // Other tests of this fixture expect every member up.
    public async Task DisposeAsync()
    {
        if (_stopped is { } id)
            await ensemble.Ensemble.StartMemberAsync(id);
    }

    private string Members(params int[] indexes) =>
        string.Join(',', indexes.Select(i => ensemble.ClientEndpoints[i]).Select(e => $"{e.Address}:{e.Port}"));
}

/// <summary>The single coordinator member is stopped and started again on the same port within the session timeout.</summary>
[Trait("Category", "Interop")]
public sealed class ReconnectTests_Coordinator(CoordinatorServer server)
    : ReconnectTests, IClassFixture<CoordinatorServer>
{
    protected override string ClientConnectString => server.ConnectString();

    protected override string ObserverConnectString => server.ConnectString();

    protected override async Task InterruptAsync(CoordinatorClient client)
    {
        await server.StopAsync();
        await server.StartAsync();
    }
}
