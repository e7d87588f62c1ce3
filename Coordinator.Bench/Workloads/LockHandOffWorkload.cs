using System.Diagnostics;
using Coordinator.Bench.Load;
using Coordinator.Recipes.Locks;

namespace Coordinator.Bench.Workloads;

/// <summary>
/// <see cref="LoadSettings.Sessions"/> sessions contend for one <see cref="DistributedLock"/>; each loops
/// acquire, release at once, repeat. One operation is one acquisition, timed from the call until the lock
/// is held (the release is not timed), so ops/s is the rate at which the lock changes hands.
/// </summary>
public sealed class LockHandOffWorkload : IWorkload
{
    private const string LockPath = "/bench-lock";

    public string Name => "lock-hand-off";

    public string Description => "sessions contend for one lock; acquire, release, repeat; time to acquire";

    public async Task<Measurement> RunAsync(WorkloadContext context)
    {
        var clients = await context.ConnectManyAsync(context.Settings.Sessions);
        try
        {
            var locks = clients.Select(client => new DistributedLock(client, LockPath)).ToArray();
            return await LoadDriver.RunAsync(locks.Length, context.Settings, async (worker, _) =>
            {
                var start = Stopwatch.GetTimestamp();
                var held = await locks[worker].AcquireAsync();
                var took = Stopwatch.GetElapsedTime(start);
                await held.DisposeAsync();
                return took;
            }, context.Progress);
        }
        finally
        {
            await WorkloadContext.CloseAllAsync(clients);
        }
    }
}
