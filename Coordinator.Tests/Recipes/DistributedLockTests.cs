using System.Text.RegularExpressions;
using Coordinator.Client.Admin;
using Coordinator.Client.Api;
using Coordinator.Recipes.Locks;
using Coordinator.Tests.Client;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Recipes;

/// <summary>The lock recipe against a real server: exclusion, fair hand-off to one waiter at a time, and no orphaned contenders.</summary>
public abstract partial class DistributedLockTests(IServerUnderTest target) : IAsyncLifetime
{
    // Outlasts a server restart, so the sessions resume instead of expiring.
    private static readonly TimeSpan LongSession = TimeSpan.FromSeconds(30);
    private readonly List<CoordinatorClient> _clients = [];

    [Fact]
    public async Task Contending_sessions_never_hold_the_lock_at_once_so_no_increment_is_lost()
    {
        const int sessions = 4, acquisitionsEach = 20;
        var lockPath = UniqueLockPath("exclusion");
        var counter = 0;
        var holders = 0;
        var mostHoldersAtOnce = 0;

        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var distributedLock = new DistributedLock(await ConnectAsync(), lockPath);
            for (var i = 0; i < acquisitionsEach; i++)
            {
                await using (await distributedLock.AcquireAsync().Within())
                {
                    var nowHolding = Interlocked.Increment(ref holders);
                    InterlockedMax(ref mostHoldersAtOnce, nowHolding);
                    // Read, yield to the other contenders, write: only exclusion keeps this from losing updates.
                    var seen = counter;
                    await Task.Yield();
                    counter = seen + 1;
                    Interlocked.Decrement(ref holders);
                }
            }
        }));

        Assert.Equal(sessions * acquisitionsEach, counter);
        Assert.Equal(1, mostHoldersAtOnce);
        Assert.Empty(await QueueAsync(lockPath));
    }

    [Fact]
    public async Task Each_waiter_watches_only_its_predecessor_so_a_release_wakes_exactly_the_next_in_line()
    {
        const int waiterCount = 5;
        var lockPath = UniqueLockPath("herd");
        var holder = await new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync().Within();
        var waiters = new List<Task<LockHandle>>();
        for (var i = 0; i < waiterCount; i++)
        {
            // One at a time, so the queue order (and with it who is next) is the order of this list.
            waiters.Add(new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync());
            await QueuedAsync(lockPath, i + 2);
        }

        // Herding would show as every waiter watching one node (the holder's, or the lock path's children).
        await WatchesBecomeAsync(new WatchCounts(Paths: waiterCount, Watches: waiterCount));

        await holder.DisposeAsync();

        var next = await waiters[0].Within();
        Assert.All(waiters.Skip(1), waiter => Assert.False(waiter.IsCompleted));
        // The woken waiter's watch is spent; the other four still watch their own predecessors.
        await WatchesBecomeAsync(new WatchCounts(Paths: waiterCount - 1, Watches: waiterCount - 1));
        Assert.Equal($"{lockPath}/{(await QueueAsync(lockPath))[0]}", next.NodePath);

        await next.DisposeAsync();
        for (var i = 1; i < waiterCount; i++)
            await (await waiters[i].Within()).DisposeAsync();
        Assert.Empty(await QueueAsync(lockPath));
    }

    [Fact]
    public async Task When_the_holders_session_closes_the_lock_passes_to_the_next_waiter()
    {
        var lockPath = UniqueLockPath("session-close");
        // Not in _clients: this test closes it itself.
        var holderClient = await ClientTesting.ConnectAsync(target);
        await new DistributedLock(holderClient, lockPath).AcquireAsync().Within();
        var waiting = new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync();
        await QueuedAsync(lockPath, 2);
        Assert.False(waiting.IsCompleted);

        await holderClient.DisposeAsync();

        await using var handle = await waiting.Within();
        Assert.Equal($"{lockPath}/{Assert.Single(await QueueAsync(lockPath))}", handle.NodePath);
    }

    [Fact]
    public async Task Holder_and_waiter_keep_their_places_across_a_server_restart_within_the_session_timeout()
    {
        var lockPath = UniqueLockPath("restart");
        var holder = await new DistributedLock(await ConnectAsync(LongSession), lockPath).AcquireAsync().Within();
        var waiting = new DistributedLock(await ConnectAsync(LongSession), lockPath).AcquireAsync();
        await QueuedAsync(lockPath, 2);

        await target.StopAsync();
        await target.StartAsync();

        // The release goes out once the holder's session is resumed; the waiter's watch was re-registered with it.
        await holder.DisposeAsync();
        await using var next = await waiting.Within();
        Assert.Equal($"{lockPath}/{Assert.Single(await QueueAsync(lockPath))}", next.NodePath);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_so_it_does_not_hold_up_the_ones_behind_it()
    {
        var lockPath = UniqueLockPath("cancel");
        var holder = await new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync().Within();
        using var cancellation = new CancellationTokenSource();
        var cancelled = new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync(cancellation.Token);
        await QueuedAsync(lockPath, 2);
        var behind = new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync();
        await QueuedAsync(lockPath, 3);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        var queue = await QueueAsync(lockPath);
        Assert.Equal(2, queue.Count);
        Assert.Equal(holder.NodePath, $"{lockPath}/{queue[0]}");
        await holder.DisposeAsync();
        await using var next = await behind.Within();
        Assert.Equal($"{lockPath}/{Assert.Single(await QueueAsync(lockPath))}", next.NodePath);
    }

    [Fact]
    public async Task Try_acquire_gives_up_after_its_timeout_and_leaves_no_node_behind()
    {
        var lockPath = UniqueLockPath("timeout");
        await using var holder = await new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync().Within();

        var attempt = await new DistributedLock(await ConnectAsync(), lockPath).TryAcquireAsync(TimeSpan.FromMilliseconds(300)).Within();

        Assert.Null(attempt);
        Assert.Equal($"{lockPath}/{Assert.Single(await QueueAsync(lockPath))}", holder.NodePath);
    }

    [Fact]
    public async Task The_lock_path_and_its_missing_ancestors_are_created_as_persistent_nodes()
    {
        var lockPath = UniqueLockPath("parents") + "/deeper/lock";
        var client = await ConnectAsync();

        await (await new DistributedLock(client, lockPath).AcquireAsync().Within()).DisposeAsync();

        var stat = await client.ExistsAsync(lockPath);
        Assert.NotNull(stat);
        Assert.Equal(0, stat.Value.EphemeralOwner);
    }

    [Fact]
    public async Task A_released_handle_can_be_disposed_again_without_touching_the_next_holder()
    {
        var lockPath = UniqueLockPath("double-release");
        var first = await new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync().Within();
        await first.DisposeAsync();
        await using var second = await new DistributedLock(await ConnectAsync(), lockPath).AcquireAsync().Within();

        await first.DisposeAsync();

        Assert.Equal($"{lockPath}/{Assert.Single(await QueueAsync(lockPath))}", second.NodePath);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task<CoordinatorClient> ConnectAsync(TimeSpan? sessionTimeout = null)
    {
        var client = await ClientTesting.ConnectAsync(target, sessionTimeout: sessionTimeout);
        lock (_clients) _clients.Add(client);
        return client;
    }

    private static string UniqueLockPath(string name) => ClientTesting.UniquePath($"lock-{name}");

    /// <summary>The contender names under the lock path, first in line first.</summary>
    private async Task<IReadOnlyList<string>> QueueAsync(string lockPath)
    {
        await using var observer = await ClientTesting.ConnectAsync(target);
        return ContenderNames.InQueueOrder((await observer.GetChildrenAsync(lockPath)).Children);
    }

    /// <summary>Waits, by child watch rather than by time, until <paramref name="count"/> contenders are queued.</summary>
    private async Task QueuedAsync(string lockPath, int count)
    {
        await using var observer = await ClientTesting.ConnectAsync(target);
        while (true)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ChildrenResult children;
            try
            {
                children = await observer.GetChildrenAsync(lockPath, _ => changed.TrySetResult());
            }
            catch (NoNodeException)
            {
                // The first contender has not created the lock path yet; its creation is watched instead.
                if (await observer.ExistsAsync(lockPath, _ => changed.TrySetResult()) is null)
                    await changed.Task.Within();
                continue;
            }

            if (children.Children.Count >= count)
                return;
            await changed.Task.Within();
        }
    }

    private async Task WatchesBecomeAsync(WatchCounts expected)
    {
        var last = "";
        await StartupPoll.UntilAsync(async () =>
        {
            last = await FourLetterWordClient.AskAsync("127.0.0.1", target.ClientEndpoints[0].Port, "wchs", TimeSpan.FromSeconds(5));
            return WatchCounts.Parse(last) == expected;
        }, () => $"wchs on {target.Kind} never showed {expected}; last answer: {last}");
    }

    private static void InterlockedMax(ref int location, int value)
    {
        for (var seen = Volatile.Read(ref location); value > seen; seen = Volatile.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, seen) == seen)
                return;
        }
    }

    /// <summary>
    /// Paths watched and watches in total, from a wchs answer. Its count of sessions is left out: ZooKeeper
    /// keeps counting a session whose last watch fired.
    /// </summary>
    private readonly partial record struct WatchCounts(int Paths, int Watches)
    {
        public static WatchCounts? Parse(string wchs) =>
            WchsPattern().Match(wchs) is { Success: true } match
                ? new WatchCounts(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value))
                : null;

        [GeneratedRegex(@"\d+ connections watching (\d+) paths\s+Total watches:\s*(\d+)")]
        private static partial Regex WchsPattern();
    }
}

[Trait("Category", "Interop")]
public sealed class DistributedLockTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : DistributedLockTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class DistributedLockTests_Coordinator(CoordinatorServer server)
    : DistributedLockTests(server), IClassFixture<CoordinatorServer>;
