using Coordinator.Bench.Load;
using Coordinator.Client.Api;
using Coordinator.Protocol;

namespace Coordinator.Bench.Workloads;

/// <summary>
/// One operation is a whole session life: connect, create an ephemeral node, close (which deletes it).
/// <see cref="LoadSettings.Sessions"/> such loops run at once.
/// </summary>
public sealed class SessionChurnWorkload : IWorkload
{
    private const string Root = "/bench-churn";

    public string Name => "session-churn";

    public string Description => "connect + create an ephemeral node + close, per operation";

    public async Task<Measurement> RunAsync(WorkloadContext context)
    {
        await using (var setup = await context.ConnectAsync())
            await setup.CreateAsync(Root);
        return await LoadDriver.RunAsync(context.Settings.Sessions, context.Settings, async (worker, sequence) =>
        {
            await using var client = await context.ConnectAsync();
            await client.CreateAsync($"{Root}/w{worker}-{sequence}", [], CreateMode.Ephemeral);
        }, context.Progress);
    }
}
