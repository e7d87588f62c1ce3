using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>One benchmark workload: sets up its nodes, drives the load and returns what it measured.</summary>
public interface IWorkload
{
    /// <summary>Short name used on the command line and in reports, e.g. "get-data".</summary>
    string Name { get; }

    /// <summary>One line on what one operation is.</summary>
    string Description { get; }

    Task<Measurement> RunAsync(WorkloadContext context);
}

/// <summary>Where a workload runs and with which knobs.</summary>
public sealed record WorkloadContext(string ConnectString, LoadSettings Settings, IProgress<double>? Progress = null)
{
    public Task<CoordinatorClient> ConnectAsync() => CoordinatorClient.ConnectAsync(ConnectString, LoadSettings.SessionTimeout);

    /// <summary>Opens <paramref name="count"/> sessions, a bounded number at a time so a thousand do not all hit the server in one burst.</summary>
    public async Task<CoordinatorClient[]> ConnectManyAsync(int count)
    {
        var clients = new CoordinatorClient[count];
        using var gate = new SemaphoreSlim(32);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try { clients[i] = await ConnectAsync(); }
                finally { gate.Release(); }
            }));
            return clients;
        }
        catch
        {
            await CloseAllAsync(clients);
            throw;
        }
    }

    public static Task CloseAllAsync(IEnumerable<CoordinatorClient?> clients) =>
        Task.WhenAll(clients.OfType<CoordinatorClient>().Select(c => c.DisposeAsync().AsTask()));
}
