using Coordinator.Bench.Servers;
using Coordinator.Client.Api;
using Coordinator.Client.Session;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>Session life: expiry is reported and final, closing removes ephemerals and ends the client.</summary>
public abstract class SessionTests(IServerUnderTest target)
{
    [Fact]
    public async Task An_expired_session_is_reported_and_every_later_call_throws_session_expired()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var states = client.StateChangesAsync().ToListAsync().AsTask();

        // Another connection takes the session over and closes it: the server ends the session, and the
        // first client learns so when it reconnects.
        var takeover = await ClientTesting.ConnectAsync(target,
            options: new CoordinatorClientOptions { ResumeSession = new SessionCredentials(client.SessionId, client.SessionPassword) });
        Assert.Equal(client.SessionId, takeover.SessionId);
        await takeover.DisposeAsync();

        Assert.Equal([ConnectionState.Disconnected, ConnectionState.Expired], await states.Within());
        Assert.Equal(ConnectionState.Expired, client.State);
        var error = await Assert.ThrowsAsync<SessionExpiredException>(() => client.GetDataAsync("/"));
        Assert.Equal(ErrorCode.SessionExpired, error.Code);
    }

    [Fact]
    public async Task Closing_a_client_removes_its_ephemerals_and_ends_its_streams()
    {
        await using var observer = await ClientTesting.ConnectAsync(target);
        var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("close");
        await client.CreateAsync(p, mode: CreateMode.Ephemeral);
        var stream = await client.WatchAsync("/", AddWatchMode.PersistentRecursive);
        var deleted = new TaskCompletionSource<EventType>();
        await observer.ExistsAsync(p, e => deleted.TrySetResult(e.Type));

        await client.DisposeAsync();

        Assert.Equal(EventType.NodeDeleted, await deleted.Task.Within());
        Assert.Equal(ConnectionState.Closed, client.State);
        Assert.Equal([ConnectionState.Closed], await client.StateChangesAsync().ToListAsync().AsTask().Within());
        await stream.ToListAsync().AsTask().Within(); // ends rather than waiting forever
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ExistsAsync(p));
    }

    [Fact]
    public async Task A_connection_string_without_any_listening_member_fails_after_the_session_timeout()
    {
        var nobody = FreePorts.Allocate(1)[0];

        var failure = await Assert.ThrowsAsync<ConnectionLossException>(() =>
            CoordinatorClient.ConnectAsync($"127.0.0.1:{nobody}", TimeSpan.FromSeconds(2)));

        Assert.Contains($"127.0.0.1:{nobody}", failure.Message);
    }
}

[Trait("Category", "Interop")]
public sealed class SessionTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : SessionTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class SessionTests_Coordinator(CoordinatorServer server)
    : SessionTests(server), IClassFixture<CoordinatorServer>;
