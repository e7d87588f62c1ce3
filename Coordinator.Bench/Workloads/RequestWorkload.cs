using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>
/// A workload of single requests: <see cref="LoadSettings.Sessions"/> sessions, each with
/// <see cref="LoadSettings.InFlight"/> requests outstanding. Subclasses say what to set up and what one request is.
/// </summary>
public abstract class RequestWorkload : IWorkload
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Creates the nodes the requests need, through the first session.</summary>
    protected abstract Task PrepareAsync(CoordinatorClient client, LoadSettings settings);

    /// <summary>One request by <paramref name="worker"/> (0 .. sessions × in-flight − 1).</summary>
    protected abstract Task RequestAsync(CoordinatorClient client, int worker, long sequence);

    public async Task<Measurement> RunAsync(WorkloadContext context)
    {
        var settings = context.Settings;
        var clients = await context.ConnectManyAsync(settings.Sessions);
        try
        {
            await PrepareAsync(clients[0], settings);
            return await LoadDriver.RunAsync(settings.Sessions * settings.InFlight, settings,
                (worker, sequence) => RequestAsync(clients[worker / settings.InFlight], worker, sequence), context.Progress);
        }
        finally
        {
            await WorkloadContext.CloseAllAsync(clients);
        }
    }

    /// <summary>Creates every path in order of the list, 100 requests in flight at a time.</summary>
    protected static async Task CreateAllAsync(CoordinatorClient client, IEnumerable<string> paths, byte[] data)
    {
        foreach (var batch in paths.Chunk(100))
            await Task.WhenAll(batch.Select(path => client.CreateAsync(path, data)));
    }
}

/// <summary>A fixed set of nodes holding the value, which readers and writers spread over by worker.</summary>
internal static class SharedNodes
{
    public const int Count = 16;

    public static string Path(string root, int worker) => $"{root}/n{worker % Count}";

    public static IEnumerable<string> All(string root) => Enumerable.Range(0, Count).Select(i => Path(root, i));
}
