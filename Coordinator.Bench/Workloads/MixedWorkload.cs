using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>Nine getData for every setData of the value, on 16 shared nodes.</summary>
public sealed class MixedWorkload : RequestWorkload
{
    private const string Root = "/bench-mixed";
    private byte[] _value = [];

    public override string Name => "mixed-90-10";

    public override string Description => $"90 % getData, 10 % setData of the value on {SharedNodes.Count} nodes";

    protected override async Task PrepareAsync(CoordinatorClient client, LoadSettings settings)
    {
        _value = new byte[settings.ValueSize];
        await client.CreateAsync(Root);
        await CreateAllAsync(client, SharedNodes.All(Root), _value);
    }

    protected override Task RequestAsync(CoordinatorClient client, int worker, long sequence)
    {
        var path = SharedNodes.Path(Root, worker + (int)(sequence % SharedNodes.Count));
        // Offset by worker so the writes of all workers do not land in the same instant.
        return (sequence + worker) % 10 == 0 ? client.SetDataAsync(path, _value) : client.GetDataAsync(path);
    }
}
