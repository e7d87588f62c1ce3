using System.Threading.Channels;

namespace Coordinator.Client.Watches;

/// <summary>
/// The client's single dispatch loop. Watch deliveries, request completions and state changes are posted
/// in the order the wire produced them and run one at a time, so a watch callback has returned before the
/// task of any reply that followed its event completes, and no two callbacks of one client overlap.
/// Callbacks must not block: they run on this loop.
/// </summary>
internal sealed class EventDispatcher : IAsyncDisposable
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public EventDispatcher(Action<Exception> onCallbackError)
    {
        _loop = Task.Run(async () =>
        {
            await foreach (var item in _work.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    item();
                }
                catch (Exception e)
                {
                    onCallbackError(e); // a faulty user callback must not stop delivery to everyone else
                }
            }
        });
    }

    public void Post(Action item)
    {
        if (!_work.Writer.TryWrite(item))
            item(); // after shutdown there is no ordering left to keep; run completions so nobody waits forever
    }

    /// <summary>Runs what is already queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
