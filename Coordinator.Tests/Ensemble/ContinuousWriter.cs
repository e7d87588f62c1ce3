using System.Text;
using Coordinator.Client.Api;

namespace Coordinator.Tests.Ensemble;

/// <summary>
/// One client creating <c>base/w-0000000</c>, <c>w-0000001</c>... back to back until stopped, keeping the
/// path of every create the ensemble acknowledged. A create that fails (connection loss, no answer within
/// its deadline) is not retried under the same name: whether it committed is unknown, and only
/// acknowledged writes are promised to survive. Tests await a count of acknowledgements, not time.
/// </summary>
internal sealed class ContinuousWriter : IAsyncDisposable
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WriteDeadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AwaitDeadline = TimeSpan.FromSeconds(30);

    private readonly CoordinatorClient _client;
    private readonly string _basePath;
    private readonly List<string> _acknowledged = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private Exception? _lastError;
    private int _failed;

    private ContinuousWriter(CoordinatorClient client, string basePath)
    {
        _client = client;
        _basePath = basePath;
    }

    /// <summary>Connects to <paramref name="connectString"/>, creates <paramref name="basePath"/> and starts writing under it.</summary>
    public static async Task<ContinuousWriter> StartAsync(string connectString, string basePath)
    {
        var client = await CoordinatorClient.ConnectAsync(connectString, SessionTimeout);
        await client.CreateAsync(basePath);
        var writer = new ContinuousWriter(client, basePath);
        writer._loop = Task.Run(writer.WriteUntilStoppedAsync);
        return writer;
    }

    public int Count
    {
        get { lock (_acknowledged) return _acknowledged.Count; }
    }

    /// <summary>Completes once <paramref name="count"/> writes in total have been acknowledged; fails after a deadline, saying why.</summary>
    public async Task WhenAcknowledgedAsync(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_acknowledged)
        {
            if (_acknowledged.Count >= count) return;
            _waiters.Add((count, reached));
        }
        try
        {
            await reached.Task.WaitAsync(AwaitDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {Count} of {count} writes acknowledged within {AwaitDeadline} "
                + $"({_failed} failed; last error: {_lastError?.Message ?? "none"}).");
        }
    }

    /// <summary>Stops writing (the create in flight is abandoned) and returns every acknowledged path, in order.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_acknowledged) return _acknowledged.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _client.DisposeAsync();
        _stop.Dispose();
    }

    private async Task WriteUntilStoppedAsync()
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var path = $"{_basePath}/w-{n:D7}";
            try
            {
                await _client.CreateAsync(path, Encoding.UTF8.GetBytes(path)).WaitAsync(WriteDeadline, _stop.Token);
                Acknowledge(path);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SessionExpiredException e)
            {
                _lastError = e; // final: every later call would fail at once
                return;
            }
            catch (Exception e) when (e is KeeperException or TimeoutException)
            {
                _lastError = e;
                _failed++;
            }
        }
    }

    private void Acknowledge(string path)
    {
        lock (_acknowledged)
        {
            _acknowledged.Add(path);
            foreach (var waiter in _waiters.Where(w => w.Count <= _acknowledged.Count).ToArray())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
