using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>Creates a new persistent node with the value under one parent per request.</summary>
public sealed class CreateWorkload : RequestWorkload
{
    private const string Root = "/bench-create";
    private byte[] _value = [];

    public override string Name => "create";

    public override string Description => "create a persistent node with a value (default 100 B)";

    protected override async Task PrepareAsync(CoordinatorClient client, LoadSettings settings)
    {
        _value = new byte[settings.ValueSize];
        await client.CreateAsync(Root);
    }

    protected override Task RequestAsync(CoordinatorClient client, int worker, long sequence) =>
        client.CreateAsync($"{Root}/w{worker}-{sequence}", _value);
}
