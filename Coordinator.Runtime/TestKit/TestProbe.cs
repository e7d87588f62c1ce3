using System.Collections.Concurrent;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Dispatch;

namespace Coordinator.Runtime.TestKit;

/// <summary>
/// A reference whose messages land in a queue the test thread inspects. Expectations block on that queue
/// up to their deadline (no polling). It can also watch actors, then receives <see cref="Terminated"/>.
/// </summary>
public sealed class TestProbe : IInternalActorRef
{
    private readonly TestKit _kit;
    private readonly BlockingCollection<Envelope> _queue = new(new ConcurrentQueue<Envelope>());
    private readonly HashSet<IActorRef> _watching = new();

    internal TestProbe(TestKit kit, ActorSystem system, string name)
    {
        _kit = kit;
        System = system;
        Path = ActorPath.Root.Child("probes").Child(name);
    }

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public IActorRef Ref => this;

    /// <summary>Sender of the last message taken from the queue.</summary>
    public IActorRef? LastSender { get; private set; }

    public object? LastMessage { get; private set; }

    bool IInternalActorRef.IsTerminated => false;

    public void Tell(object message, IActorRef? sender = null) => Post(message, ActorRefs.ResolveSender(sender));

    public void Post(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        _queue.Add(new Envelope(message, sender));
    }

    void IInternalActorRef.SendSystem(object systemMessage)
    {
        if (systemMessage is not DeathWatchNotification notification) return;
        lock (_watching)
        {
            if (!_watching.Remove(notification.Actor)) return;
        }
        _queue.Add(new Envelope(new Terminated(notification.Actor), notification.Actor));
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, this);

    /// <summary>Answers the sender of the last received message.</summary>
    public void Reply(object message) =>
        (LastSender ?? throw new TestKitAssertionException($"{Path} cannot reply: the last message had no sender.")).Tell(message, this);

    /// <summary>Passes the last received message (or <paramref name="message"/>) on, keeping its original sender.</summary>
    public void Forward(IActorRef target, object? message = null) =>
        target.Tell(message ?? LastMessage ?? throw new TestKitAssertionException($"{Path} has nothing to forward."), LastSender);

    public void Watch(IActorRef actor)
    {
        var target = actor as IInternalActorRef ?? throw new ArgumentException($"{actor} is not a kernel reference.", nameof(actor));
        lock (_watching)
        {
            if (!_watching.Add(target)) return;
        }
        target.SendSystem(new WatchActor(target, this));
    }

    public void Unwatch(IActorRef actor)
    {
        var target = actor as IInternalActorRef ?? throw new ArgumentException($"{actor} is not a kernel reference.", nameof(actor));
        lock (_watching)
        {
            if (!_watching.Remove(target)) return;
        }
        target.SendSystem(new UnwatchActor(target, this));
    }

    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(_ => true, timeout);

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) =>
        ExpectMsg<T>(actual => Equals(actual, expected), timeout, $"equal to {expected}");

    public T ExpectMsg<T>(Func<T, bool> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var budget = _kit.Budget(timeout);
        var message = Receive(budget) ?? throw new TestKitAssertionException(
            $"{Path}: no message of type {typeof(T).Name}{Describe(hint)} within {budget.TotalMilliseconds:0} ms.");
        if (message is not T typed)
            throw new TestKitAssertionException($"{Path}: expected a {typeof(T).Name}{Describe(hint)} but got {message.GetType().Name}: {message}.");
        if (!predicate(typed))
            throw new TestKitAssertionException($"{Path}: the {typeof(T).Name} received does not match{Describe(hint)}: {message}.");
        return typed;
    }

    /// <summary>Fails if any message arrives during <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var budget = _kit.Budget(duration);
        if (Receive(budget) is { } message)
            throw new TestKitAssertionException($"{Path}: expected no message for {budget.TotalMilliseconds:0} ms but got {message.GetType().Name}: {message}.");
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public T FishForMessage<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var budget = _kit.Budget(timeout);
        var deadline = DateTime.UtcNow + budget;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var message = Receive(left > TimeSpan.Zero ? left : TimeSpan.Zero) ?? throw new TestKitAssertionException(
                $"{Path}: no matching {typeof(T).Name} within {budget.TotalMilliseconds:0} ms.");
            if (message is T typed && predicate(typed)) return typed;
        }
    }

    /// <summary>Takes exactly <paramref name="count"/> messages, all within the timeout.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var budget = _kit.Budget(timeout);
        var deadline = DateTime.UtcNow + budget;
        var received = new List<object>(count);
        while (received.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            received.Add(Receive(left > TimeSpan.Zero ? left : TimeSpan.Zero) ?? throw new TestKitAssertionException(
                $"{Path}: received {received.Count} of {count} messages within {budget.TotalMilliseconds:0} ms."));
        }
        return received;
    }

    /// <summary>Expects the <see cref="Terminated"/> for <paramref name="actor"/>; the probe must have watched it.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(actor), timeout, $"for {actor.Path}");

    private object? Receive(TimeSpan wait)
    {
        if (!_queue.TryTake(out var envelope, wait)) return null;
        LastMessage = envelope.Message;
        LastSender = envelope.Sender;
        return envelope.Message;
    }

    private static string Describe(string? hint) => hint is null ? "" : " " + hint;

    public override string ToString() => Path.ToString();
}
