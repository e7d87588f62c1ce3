using Coordinator.Runtime.Actors;

namespace Coordinator.Runtime.Patterns;

/// <summary>Turns the outcome of async work into a message, so the actor never awaits inside a handler.</summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells <paramref name="recipient"/> its result (or
    /// <paramref name="success"/>'s mapping of it), or a <see cref="Status.Failure"/> (or
    /// <paramref name="failure"/>'s mapping). The sender defaults to the calling actor.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        var from = ActorRefs.ResolveSender(sender);
        return task.ContinueWith(done =>
        {
            var message = done.IsCompletedSuccessfully
                ? success?.Invoke(done.Result) ?? (object?)done.Result ?? new Status.Success(null)
                : Failure(done, failure);
            ActorRefs.Post(recipient, message, from);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Like the generic overload; success is reported as <c>Status.Success(null)</c>.</summary>
    public static Task PipeTo(this Task task, IActorRef recipient, IActorRef? sender = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        var from = ActorRefs.ResolveSender(sender);
        return task.ContinueWith(done =>
        {
            var message = done.IsCompletedSuccessfully ? new Status.Success(null) : Failure(done, failure);
            ActorRefs.Post(recipient, message, from);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static object Failure(Task done, Func<Exception, object>? map)
    {
        Exception cause = done.IsCanceled
            ? new TaskCanceledException(done)
            : done.Exception!.InnerExceptions.Count == 1 ? done.Exception.InnerException! : done.Exception;
        return map?.Invoke(cause) ?? new Status.Failure(cause);
    }
}
