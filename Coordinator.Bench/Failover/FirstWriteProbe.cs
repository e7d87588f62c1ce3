using System.Diagnostics;
using System.Net.Sockets;
using Coordinator.Client.Api;
using Coordinator.Protocol;

namespace Coordinator.Bench.Failover;

/// <summary>
/// Finds the moment a write first commits: every <see cref="Interval"/> a fresh session is tried on the
/// next member in turn, each attempt with its own deadline, and the first acknowledged create wins. Fresh
/// sessions keep a client's reconnect backoff (up to a second) out of the figure, so it measures the
/// servers to within one interval.
/// </summary>
public static class FirstWriteProbe
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan AttemptDeadline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The time on <paramref name="clock"/> when the first create through any of <paramref name="clientPorts"/> was acknowledged.</summary>
    public static async Task<TimeSpan> WaitAsync(IReadOnlyList<int> clientPorts, Stopwatch clock, TimeSpan deadline)
    {
        var first = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(deadline);
        var attempts = new List<Task>();
        try
        {
            for (var turn = 0; !first.Task.IsCompleted && !stop.IsCancellationRequested; turn++)
            {
                attempts.Add(AttemptAsync(clientPorts[turn % clientPorts.Count], clock, first, stop.Token));
                await Task.WhenAny(first.Task, Task.Delay(Interval));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(attempts);
        }
        return first.Task.IsCompleted
            ? first.Task.Result
            : throw new TimeoutException($"No write committed through ports {string.Join(",", clientPorts)} within {deadline}.");
    }

    private static async Task AttemptAsync(int port, Stopwatch clock, TaskCompletionSource<TimeSpan> first, CancellationToken stop)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        attempt.CancelAfter(AttemptDeadline);
        try
        {
            await using var client = await CoordinatorClient.ConnectAsync($"127.0.0.1:{port}", SessionTimeout, cancellationToken: attempt.Token);
            await client.CreateAsync("/first-write-", mode: CreateMode.EphemeralSequential).WaitAsync(attempt.Token);
            first.TrySetResult(clock.Elapsed);
        }
        catch (Exception e) when (e is KeeperException or OperationCanceledException or IOException or SocketException)
        {
            // Not serving yet (refused, electing, or the write was lost with the leader): a later attempt will tell.
        }
    }
}
