using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>Lists a node with 1,000 children (getChildren2: names and Stat).</summary>
public sealed class GetChildrenWorkload : RequestWorkload
{
    private const string Root = "/bench-children";
    private const int Children = 1000;

    public override string Name => "get-children";

    public override string Description => $"getChildren of a node with {Children:N0} children";

    protected override async Task PrepareAsync(CoordinatorClient client, LoadSettings settings)
    {
        await client.CreateAsync(Root);
        await CreateAllAsync(client, Enumerable.Range(0, Children).Select(i => $"{Root}/child-{i:D4}"), []);
    }

    protected override Task RequestAsync(CoordinatorClient client, int worker, long sequence) => client.GetChildrenAsync(Root);
}
