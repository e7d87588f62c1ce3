using Microsoft.Extensions.Logging;

namespace Coordinator.Runtime.Actors;

/// <summary>
/// Where undeliverable messages end up: counted, published on the event stream, and logged up to a
/// limit so a flood of them cannot drown the log.
/// </summary>
public sealed class DeadLetterOffice : IInternalActorRef
{
    private readonly EventStream _events;
    private readonly ILogger _log;
    private readonly int _logLimit;
    private long _count;

    internal DeadLetterOffice(ActorSystem system, EventStream events, ILogger log, int logLimit)
    {
        System = system;
        _events = events;
        _log = log;
        _logLimit = logLimit;
    }

    public ActorPath Path { get; } = ActorPath.Root.Child("deadLetters");

    /// <summary>Dead letters since the system started.</summary>
    public long Count => Interlocked.Read(ref _count);

    public ActorSystem System { get; }

    bool IInternalActorRef.IsTerminated => false;

    public IDisposable Subscribe(Action<DeadLetter> handler) => _events.Subscribe(handler);

    public void Tell(object message, IActorRef? sender = null) => Post(message, ActorRefs.ResolveSender(sender));

    public void Post(object message, IActorRef? sender) =>
        Publish(message is DeadLetter letter ? letter : new DeadLetter(message, sender, this));

    void IInternalActorRef.SendSystem(object systemMessage) { }

    internal void Publish(DeadLetter letter)
    {
        var count = Interlocked.Increment(ref _count);
        if (count <= _logLimit)
        {
            _log.LogInformation("Dead letter {Count}: {MessageType} from {Sender} to {Recipient} was not delivered",
                count, letter.Message.GetType().Name, letter.Sender?.Path.ToString() ?? "no sender", letter.Recipient.Path);
            if (count == _logLimit)
                _log.LogInformation("Dead letter log limit {Limit} reached; further dead letters are counted but not logged", _logLimit);
        }
        _events.Publish(letter);
    }

    public override string ToString() => Path.ToString();
}
