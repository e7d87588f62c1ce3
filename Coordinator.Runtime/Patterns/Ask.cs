using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;

namespace Coordinator.Runtime.Patterns;

/// <summary>An Ask that got no reply in time, or could not be sent because the recipient had stopped.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

/// <summary>Request-reply from outside an actor.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply reference as sender and completes with the
    /// first reply. A <see cref="Status.Failure"/> reply faults the task with its cause. The timeout runs on
    /// the system's clock (so on a VirtualClock it fires only when the test advances time).
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null)
    {
        var reply = await Ask(target, message, timeout).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new InvalidCastException($"Ask to [{target.Path}] expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}.");
    }

    public static Task<object> Ask(this IActorRef target, object message, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var recipient = target as IInternalActorRef
            ?? throw new ArgumentException($"{target} is not a reference created by this kernel.", nameof(target));
        var system = recipient.System;
        var wait = timeout ?? system.Settings.DefaultAskTimeout;
        if (system.IsTerminating || recipient.IsTerminated)
        {
            return Task.FromException<object>(new AskTimeoutException(
                $"Ask to [{target.Path}] failed at once: the recipient has terminated. Message of type [{message.GetType().FullName}] was not delivered."));
        }
        var promise = new PromiseActorRef(system, system.NextTempPath());
        promise.StartTimeout(wait, () => new AskTimeoutException(
            $"Ask to [{target.Path}] timed out after {wait.TotalMilliseconds:0} ms waiting for a reply to a message of type [{message.GetType().FullName}]."));
        recipient.Post(message, promise);
        return promise.Task;
    }
}

/// <summary>The reply address of one Ask: completes on the first message, then acts as a dead letter.</summary>
internal sealed class PromiseActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    private readonly TaskCompletionSource<object> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ICancelable? _timeout;

    public ActorPath Path { get; } = path;

    public ActorSystem System { get; } = system;

    public bool IsTerminated => _reply.Task.IsCompleted;

    public Task<object> Task => _reply.Task;

    public void StartTimeout(TimeSpan wait, Func<Exception> timeoutError)
    {
        System.PendingAskRefs[this] = 0;
        _timeout = System.Scheduler.ScheduleOnce(wait, () => Complete(() => _reply.TrySetException(timeoutError())));
    }

    public void Tell(object message, IActorRef? sender = null) => Post(message, sender);

    public void Post(object message, IActorRef? sender)
    {
        var accepted = Complete(() => message is Status.Failure failure
            ? _reply.TrySetException(failure.Cause)
            : _reply.TrySetResult(message));
        if (!accepted) System.DeadLetters.Publish(new DeadLetter(message, sender, this));
    }

    public void SendSystem(object systemMessage) { }

    private bool Complete(Func<bool> setOutcome)
    {
        if (!setOutcome()) return false;
        System.PendingAskRefs.TryRemove(this, out _);
        _timeout?.Cancel();
        return true;
    }

    public override string ToString() => Path.ToString();
}
