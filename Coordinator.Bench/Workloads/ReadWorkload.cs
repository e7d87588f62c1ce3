using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>Reads (getData or exists, no watch) one of 16 nodes holding the value.</summary>
public sealed class ReadWorkload : RequestWorkload
{
    private const string Root = "/bench-read";
    private readonly Func<CoordinatorClient, string, Task> _read;

    private ReadWorkload(string name, string description, Func<CoordinatorClient, string, Task> read)
    {
        Name = name;
        Description = description;
        _read = read;
    }

    public static ReadWorkload GetData() =>
        new("get-data", $"getData of one of {SharedNodes.Count} nodes holding the value (default 100 B)", (c, p) => c.GetDataAsync(p));

    public static ReadWorkload Exists() =>
        new("exists", $"exists on one of {SharedNodes.Count} nodes", (c, p) => c.ExistsAsync(p));

    public override string Name { get; }

    public override string Description { get; }

    protected override async Task PrepareAsync(CoordinatorClient client, LoadSettings settings)
    {
        await client.CreateAsync(Root);
        await CreateAllAsync(client, SharedNodes.All(Root), new byte[settings.ValueSize]);
    }

    protected override Task RequestAsync(CoordinatorClient client, int worker, long sequence) =>
        _read(client, SharedNodes.Path(Root, worker));
}
