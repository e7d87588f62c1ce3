using Coordinator.Client.Api;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Client.Transactions;

/// <summary>
/// A fluent multi: ops are collected, then <see cref="CommitAsync"/> applies all of them atomically or
/// none. Made by <see cref="CoordinatorClient.Transaction"/>.
/// </summary>
public sealed class Transaction
{
    private readonly CoordinatorClient _client;
    private readonly List<MultiOp> _ops = [];
    private readonly List<string> _clientPaths = [];

    internal Transaction(CoordinatorClient client) => _client = client;

    public int Count => _ops.Count;

    public Transaction Create(string path, byte[]? data = null, CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<Acl>? acl = null, TimeSpan? ttl = null) =>
        Add(path, serverPath => CreateRequests.Build(serverPath, data, mode, acl, ttl));

    /// <param name="version">The expected version, or -1 for any.</param>
    public Transaction Delete(string path, int version = -1) =>
        Add(path, serverPath => new MultiOp(OpCode.Delete, new DeleteRequest(serverPath, version)));

    public Transaction SetData(string path, byte[]? data, int version = -1) =>
        Add(path, serverPath => new MultiOp(OpCode.SetData, new SetDataRequest(serverPath, data, version)));

    /// <summary>Fails the transaction unless the node's data version is <paramref name="version"/>.</summary>
    public Transaction Check(string path, int version) =>
        Add(path, serverPath => new MultiOp(OpCode.Check, new CheckVersionRequest(serverPath, version)));

    /// <summary>Applies every op or none; one result per op, in op order.</summary>
    /// <exception cref="KeeperException">
    /// Typed for the first failed op (e.g. <see cref="NodeExistsException"/>), with its path and
    /// <see cref="KeeperException.Results"/> holding every op's code.
    /// </exception>
    public Task<IReadOnlyList<OpResult>> CommitAsync() => _client.CommitAsync(_ops.ToArray(), _clientPaths.ToArray());

    private Transaction Add(string path, Func<string, MultiOp> build)
    {
        _ops.Add(build(_client.Chroot.ToServer(path)));
        _clientPaths.Add(path);
        return this;
    }
}
