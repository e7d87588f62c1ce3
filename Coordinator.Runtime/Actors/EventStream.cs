using Microsoft.Extensions.Logging;

namespace Coordinator.Runtime.Actors;

/// <summary>System-wide publish/subscribe for diagnostics: dead letters, unhandled messages.</summary>
public sealed class EventStream(ILogger log)
{
    private readonly object _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Calls <paramref name="handler"/> (on the publishing thread) for every published <typeparamref name="T"/>; dispose to stop.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, typeof(T), e => handler((T)e));
        lock (_gate) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    public void Publish(object @event)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.EventType.IsInstanceOfType(@event)) continue;
            try
            {
                subscription.Handler(@event);
            }
            catch (Exception ex)
            {
                // Publishing happens inside kernel paths (an actor stopping); a faulty subscriber must not break them.
                log.LogError(ex, "Event stream subscriber for {EventType} threw", subscription.EventType.Name);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate) _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
    }

    private sealed record Subscription(EventStream Owner, Type EventType, Action<object> Handler) : IDisposable
    {
        public void Dispose() => Owner.Remove(this);
    }
}
