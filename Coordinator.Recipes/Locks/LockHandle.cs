using Coordinator.Client.Api;

namespace Coordinator.Recipes.Locks;

/// <summary>
/// A held <see cref="DistributedLock"/>. Disposing releases it by deleting <see cref="NodePath"/>; the next
/// contender in line is woken. The lock is also released when the holder's session ends.
/// </summary>
public sealed class LockHandle : IAsyncDisposable
{
    private readonly CoordinatorClient _client;
    private int _released;

    internal LockHandle(CoordinatorClient client, string nodePath)
    {
        _client = client;
        NodePath = nodePath;
    }

    /// <summary>The holder's ephemeral sequential node under the lock path.</summary>
    public string NodePath { get; }

    /// <summary>Releases the lock (once; later calls do nothing). Retries across a connection loss.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            await Nodes.DeleteOwnEphemeralAsync(_client, NodePath).ConfigureAwait(false);
    }
}
