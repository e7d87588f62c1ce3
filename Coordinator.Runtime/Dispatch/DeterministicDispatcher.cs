using System.Collections.Concurrent;

namespace Coordinator.Runtime.Dispatch;

/// <summary>
/// Runs mailboxes only when a test calls <see cref="RunUntilIdle"/>, on the calling thread, in the order
/// they became ready. Together with a VirtualClock this makes a whole actor system step deterministically.
/// </summary>
public sealed class DeterministicDispatcher : IDispatcher
{
    private readonly ConcurrentQueue<Mailbox> _ready = new();

    public void Schedule(Mailbox mailbox) => _ready.Enqueue(mailbox);

    /// <summary>Runs ready mailboxes until none has work left; returns how many runs happened.</summary>
    public int RunUntilIdle()
    {
        var runs = 0;
        while (_ready.TryDequeue(out var mailbox))
        {
            mailbox.Execute();
            runs++;
        }
        return runs;
    }
}
