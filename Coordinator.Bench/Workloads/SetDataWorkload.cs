using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>Overwrites one of 16 nodes with a value of a given size (or the --value-size knob).</summary>
public sealed class SetDataWorkload(string name, int? fixedSize) : RequestWorkload
{
    private const string Root = "/bench-set";
    private byte[] _value = [];

    public override string Name => name;

    public override string Description => $"setData of {(fixedSize is { } size ? $"{size} B" : "the value (default 100 B)")} on one of {SharedNodes.Count} nodes";

    protected override async Task PrepareAsync(CoordinatorClient client, LoadSettings settings)
    {
        _value = new byte[fixedSize ?? settings.ValueSize];
        await client.CreateAsync(Root);
        await CreateAllAsync(client, SharedNodes.All(Root), _value);
    }

    protected override Task RequestAsync(CoordinatorClient client, int worker, long sequence) =>
        client.SetDataAsync(SharedNodes.Path(Root, worker), _value);
}
