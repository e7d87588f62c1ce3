using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Server.Support;

/// <summary>
/// A Coordinator member whose container/TTL sweep runs every 200 ms (passed through a <c>--config</c>
/// file, as an operator would), so reaping can be observed within a test's patience.
/// </summary>
public sealed class ShortTimersCoordinator : IAsyncLifetime
{
    public static readonly TimeSpan ContainerCheckInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _configFile;

    public ShortTimersCoordinator()
    {
        _configFile = Path.Combine(Path.GetTempPath(), $"coordinator-short-timers-{Guid.NewGuid():N}.conf");
        File.WriteAllText(_configFile, $$"""
            coordinator {
              member {
                container-check-interval = {{(int)ContainerCheckInterval.TotalMilliseconds}}ms
              }
            }
            """);
        Server = new CoordinatorServer("--config", _configFile);
    }

    public CoordinatorServer Server { get; }

    public Task InitializeAsync() => Server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(_configFile);
    }
}
