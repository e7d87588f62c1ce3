using Coordinator.Runtime.Dispatch;

namespace Coordinator.Runtime.Actors;

/// <summary>Marks an actor that uses <see cref="ActorBase.Stash"/>; others get a clear error instead of a silent buffer.</summary>
public interface IWithStash;

/// <summary>Messages set aside until the actor is ready for them.</summary>
public interface IStash
{
    /// <summary>Sets the current message aside. Throws <see cref="StashOverflowException"/> when the stash is full.</summary>
    void Stash();

    /// <summary>Puts every stashed message back in front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    int Count { get; }
}

public sealed class StashOverflowException(string message) : Exception(message);

internal sealed class BoundedStash(ActorCell cell, int capacity) : IStash
{
    private readonly List<Envelope> _stashed = new();

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope ?? throw new InvalidOperationException("Stash() is only valid while processing a message.");
        if (_stashed.Count >= capacity)
            throw new StashOverflowException($"Stash of {cell.Path} is full ({capacity} messages); cannot stash {current.Message.GetType().Name}.");
        _stashed.Add(current);
    }

    public void UnstashAll()
    {
        cell.Mailbox.Prepend(_stashed.ToArray());
        _stashed.Clear();
    }

    /// <summary>Empties the stash, handing the messages to <paramref name="sink"/>.</summary>
    public void Drain(Action<Envelope> sink)
    {
        foreach (var envelope in _stashed) sink(envelope);
        _stashed.Clear();
    }
}
