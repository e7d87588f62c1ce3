using System.Net;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Server.Support;

/// <summary>What every server test class shares: the target's endpoint, connections, unique paths.</summary>
public abstract class ServerTestBase(IServerUnderTest target) : IAsyncLifetime
{
    private readonly List<WireClient> _clients = [];

    protected IServerUnderTest Target => target;

    protected IPEndPoint Endpoint => target.ClientEndpoints[0];

    /// <summary>A path no other test uses, so tests sharing a server never see each other's nodes.</summary>
    protected static string UniquePath(string name) => $"/{name}-{Guid.NewGuid():N}";

    /// <summary>A new session on the target; closed when the test ends.</summary>
    protected async Task<WireClient> ConnectAsync(WireConnectOptions? options = null)
    {
        var client = await WireClient.ConnectAsync(Endpoint, options);
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>A socket with nothing sent yet; closed when the test ends.</summary>
    protected async Task<WireClient> OpenRawAsync()
    {
        var client = await WireClient.OpenAsync(Endpoint);
        lock (_clients) _clients.Add(client);
        return client;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Sessions still open end with closeSession, so they do not linger on the shared server.</summary>
    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            if (client.HasSession && !client.Closed.IsCompleted)
            {
                try
                {
                    await client.CallAsync(OpCode.CloseSession, null);
                }
                catch (Exception e) when (e is IOException or TimeoutException)
                {
                    // Closed under us; the session times out on its own.
                }
            }
            await client.DisposeAsync();
        }
    }
}
