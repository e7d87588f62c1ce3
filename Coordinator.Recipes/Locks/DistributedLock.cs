using Coordinator.Client.Api;
using Coordinator.Client.Session;
using Coordinator.Protocol;

namespace Coordinator.Recipes.Locks;

/// <summary>
/// An exclusive lock shared by every session that uses the same <see cref="LockPath"/> (ZooKeeper's lock
/// recipe). Each acquisition queues an ephemeral sequential node under the lock path; the lowest node holds
/// the lock, and every other contender watches only the node just ahead of it, so a release wakes one
/// waiter, not all of them. The lock is granted in arrival order and is not reentrant: each
/// <see cref="AcquireAsync"/> is a new place in the queue. One instance may be used concurrently.
/// </summary>
/// <remarks>
/// The lock lives as long as the holder's session: if the session expires (or the client is closed),
/// the server deletes the node and the next contender gets the lock. A connection loss alone does not
/// release it; the client resumes the session on another member.
/// </remarks>
public sealed class DistributedLock
{
    private readonly CoordinatorClient _client;

    /// <param name="client">The session that holds the lock while a handle is held.</param>
    /// <param name="lockPath">The node under which contenders queue, e.g. <c>/locks/orders</c>; created (persistent) when missing.</param>
    public DistributedLock(CoordinatorClient client, string lockPath)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(lockPath);
        if (lockPath[0] != '/' || lockPath.Length == 1 || lockPath[^1] == '/')
            throw new ArgumentException($"A lock path is an absolute node path below the root, not '{lockPath}'.", nameof(lockPath));
        _client = client;
        LockPath = lockPath;
    }

    public string LockPath { get; }

    /// <summary>Waits until this session holds the lock. Dispose the handle to release it.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; this contender has left the queue.</exception>
    /// <exception cref="SessionExpiredException">The session ended while waiting.</exception>
    /// <exception cref="NoNodeException">Someone else deleted this contender's node while it waited.</exception>
    public async Task<LockHandle> AcquireAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var prefix = ContenderNames.NewPrefix();
        string? node = null;
        try
        {
            node = await EnqueueAsync(prefix, cancellationToken).ConfigureAwait(false);
            await WaitUntilFirstAsync(node, cancellationToken).ConfigureAwait(false);
            return new LockHandle(_client, node);
        }
        catch
        {
            // Leave the queue, or the ones behind would wait for a contender that never takes its turn.
            await WithdrawAsync(prefix, node).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Like <see cref="AcquireAsync"/>, but gives up after <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The whole time allowed, queueing included; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes.</param>
    /// <returns>The handle, or null if the lock was not acquired in time (this contender has left the queue).</returns>
    public async Task<LockHandle?> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await AcquireAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Creates this contender's node and returns its path, finding it again if a connection loss hid the reply.</summary>
    private async Task<string> EnqueueAsync(string prefix, CancellationToken cancellationToken)
    {
        var lockPathMissing = false;
        var mayExist = false;
        while (true)
        {
            try
            {
                if (lockPathMissing)
                {
                    await Nodes.CreatePathAsync(_client, LockPath).ConfigureAwait(false);
                    lockPathMissing = false;
                }

                if (mayExist)
                {
                    if (await FindOwnAsync(prefix).ConfigureAwait(false) is { } found)
                        return found;
                    mayExist = false;
                }

                var created = await _client.CreateAsync($"{LockPath}/{prefix}", null, CreateMode.EphemeralSequential).ConfigureAwait(false);
                return created.Path;
            }
            catch (NoNodeException)
            {
                lockPathMissing = true;
            }
            catch (ConnectionLossException)
            {
                mayExist = true;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task WaitUntilFirstAsync(string node, CancellationToken cancellationToken)
    {
        var name = node[(LockPath.Length + 1)..];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var queue = ContenderNames.InQueueOrder((await _client.GetChildrenAsync(LockPath).ConfigureAwait(false)).Children);
                var place = queue.IndexOf(name);
                if (place < 0)
                    throw new NoNodeException(node);
                if (place == 0)
                    return;
                await WaitForDeletionAsync($"{LockPath}/{queue[place - 1]}", cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionLossException)
            {
                // The session is being resumed; look at the queue again once it is.
            }
        }
    }

    /// <summary>
    /// Returns once <paramref name="predecessor"/> is gone or may be: its watch fired, it no longer exists,
    /// or the session ended (the next request then says how).
    /// </summary>
    private async Task WaitForDeletionAsync(string predecessor, CancellationToken cancellationToken)
    {
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStateChanged(ConnectionState state)
        {
            // A final state drops the session's watches without firing them.
            if (state.IsFinal())
                woken.TrySetResult();
        }

        _client.StateChanged += OnStateChanged;
        try
        {
            if (await _client.ExistsAsync(predecessor, _ => woken.TrySetResult()).ConfigureAwait(false) is null)
                return;
            await woken.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _client.StateChanged -= OnStateChanged;
        }
    }

    private async Task<string?> FindOwnAsync(string prefix)
    {
        var children = await _client.GetChildrenAsync(LockPath).ConfigureAwait(false);
        return ContenderNames.FindOwn(children.Children, prefix) is { } own ? $"{LockPath}/{own}" : null;
    }

    /// <summary>Best effort: deletes this contender's node, looking for it first if its create's reply never came.</summary>
    private async Task WithdrawAsync(string prefix, string? node)
    {
        try
        {
            while (node is null)
            {
                try
                {
                    node = await FindOwnAsync(prefix).ConfigureAwait(false);
                    if (node is null)
                        return;
                }
                catch (ConnectionLossException)
                {
                    // Asked again once the session is resumed.
                }
            }

            await Nodes.DeleteOwnEphemeralAsync(_client, node).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // The session is over (its nodes went with it) or the lock path is gone: nothing is left to withdraw.
        }
    }
}
