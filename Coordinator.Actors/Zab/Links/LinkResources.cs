namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// Every socket and background task a <see cref="PeerNetwork"/> owns, so that stopping it leaves nothing behind.
/// Handshake tasks register a connection here before handing it to the actor; once closed, the registry refuses
/// new ones and the task closes its own socket instead.
/// </summary>
internal sealed class LinkResources
{
    private readonly Lock _lock = new();
    private readonly HashSet<PeerConnection> _connections = [];
    private readonly List<Task> _tasks = [];
    private bool _closed;

    /// <summary>False once closed: the caller must close <paramref name="connection"/> itself.</summary>
    public bool TryAdd(PeerConnection connection)
    {
        lock (_lock)
        {
            if (_closed) return false;
            _connections.Add(connection);
            return true;
        }
    }

    public void Remove(PeerConnection connection)
    {
        lock (_lock) _connections.Remove(connection);
    }

    public void Track(Task task)
    {
        lock (_lock)
        {
            _tasks.RemoveAll(t => t.IsCompleted);
            _tasks.Add(task);
        }
    }

    /// <summary>Closes every connection and waits (bounded) for every loop and handshake to finish.</summary>
    public bool CloseAll(string reason, TimeSpan wait)
    {
        PeerConnection[] connections;
        lock (_lock)
        {
            _closed = true;
            connections = [.. _connections];
            _connections.Clear();
        }
        foreach (var connection in connections) connection.Close(reason);
        Task[] tasks;
        lock (_lock) tasks = [.. _tasks, .. connections.Select(c => c.Completion)];
        try
        {
            return Task.WaitAll(tasks, wait);
        }
        catch (AggregateException)
        {
            return true; // every task ended; the loops log their own failures
        }
    }
}
