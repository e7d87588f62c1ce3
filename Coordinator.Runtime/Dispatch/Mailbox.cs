using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Coordinator.Runtime.Dispatch;

/// <summary>What a mailbox feeds: the actor cell behind it.</summary>
internal interface IMessageInvoker
{
    /// <summary>False while the actor is failed, restarting, starting or stopping: user messages wait.</summary>
    bool CanProcessUserMessages { get; }

    void InvokeSystem(object systemMessage);

    void Invoke(Envelope envelope);
}

/// <summary>
/// One actor's queues: system messages (lifecycle, supervision, death watch) always go first, then up to
/// <c>throughput</c> user messages per run before the thread is given back. A status flag guarantees at
/// most one run at a time, so the actor sees one message at a time and never needs a lock.
/// </summary>
public sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly Channel<Envelope> _user = Channel.CreateUnbounded<Envelope>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly ConcurrentQueue<object> _system = new();
    private readonly IMessageInvoker _invoker;
    private readonly IDispatcher _dispatcher;
    private readonly int _throughput;

    // Unstashed messages go ahead of the channel. Only the running actor touches this queue.
    private Queue<Envelope>? _front;
    private int _status;

    // Count of queued system messages: checked after every user message, and one volatile read is much
    // cheaper than asking the ConcurrentQueue whether it is empty.
    private int _systemPending;

    internal Mailbox(IMessageInvoker invoker, IDispatcher dispatcher, int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        _invoker = invoker;
        _dispatcher = dispatcher;
        _throughput = throughput;
    }

    /// <summary>Enqueues a user message; false once the mailbox is closed (the actor stopped).</summary>
    internal bool TryPost(Envelope envelope)
    {
        if (!_user.Writer.TryWrite(envelope)) return false;
        ScheduleIfIdle();
        return true;
    }

    internal void PostSystem(object message)
    {
        _system.Enqueue(message);
        Interlocked.Increment(ref _systemPending);
        ScheduleIfIdle();
    }

    /// <summary>Puts messages in front of everything queued, keeping their order (used by UnstashAll).</summary>
    internal void Prepend(IReadOnlyCollection<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        _front = _front is { Count: > 0 } ? new Queue<Envelope>(envelopes.Concat(_front)) : new Queue<Envelope>(envelopes);
    }

    /// <summary>Refuses further user messages and hands every queued one to <paramref name="sink"/>.</summary>
    internal void CloseAndDrain(Action<Envelope> sink)
    {
        _user.Writer.TryComplete();
        while (_front is { Count: > 0 }) sink(_front.Dequeue());
        while (_user.Reader.TryRead(out var envelope)) sink(envelope);
    }

    /// <summary>One run: called by the dispatcher, never concurrently with itself.</summary>
    public void Execute()
    {
        var exhausted = false;
        try
        {
            ProcessSystemMessages();
            var processed = 0;
            while (_invoker.CanProcessUserMessages && TryTakeUser(out var envelope))
            {
                _invoker.Invoke(envelope);
                if (Volatile.Read(ref _systemPending) != 0) ProcessSystemMessages();
                if (++processed == _throughput)
                {
                    exhausted = true;
                    break;
                }
            }
        }
        finally
        {
            if (exhausted) RescheduleWhileBusy();
            else GoIdle();
        }
    }

    /// <summary>Out of budget with work left: go to the back of the queue still marked scheduled, so senders skip the CAS.</summary>
    private void RescheduleWhileBusy() => _dispatcher.Schedule(this);

    private void GoIdle()
    {
        // Full fence: a producer that enqueued after our last look sees Idle and schedules us itself.
        Interlocked.Exchange(ref _status, Idle);
        if (HasPendingWork()) ScheduleIfIdle();
    }

    private void ProcessSystemMessages()
    {
        while (_system.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemPending);
            _invoker.InvokeSystem(message);
        }
    }

    private bool TryTakeUser(out Envelope envelope)
    {
        if (_front is { Count: > 0 })
        {
            envelope = _front.Dequeue();
            return true;
        }
        return _user.Reader.TryRead(out envelope);
    }

    private bool HasPendingWork() =>
        Volatile.Read(ref _systemPending) != 0 ||
        (_invoker.CanProcessUserMessages && (_front is { Count: > 0 } || _user.Reader.TryPeek(out _)));

    private void ScheduleIfIdle()
    {
        // Read before CAS: with many senders the mailbox is usually already scheduled, and a read keeps the
        // status cache line shared instead of bouncing it between cores on every Tell. The barrier orders
        // our enqueue before that read, pairing with the full fence in Execute's reset to Idle.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            _dispatcher.Schedule(this);
    }
}
