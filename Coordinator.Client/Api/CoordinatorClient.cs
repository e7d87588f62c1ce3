using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Coordinator.Client.Connection;
using Coordinator.Client.Session;
using Coordinator.Client.Transactions;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Client.Api;

/// <summary>
/// A ZooKeeper session with async operations. Requests are pipelined on one connection and answered in
/// the order they were made; watch callbacks and state changes run on one dispatch loop, never
/// concurrently, and a watch event is always delivered before the reply that follows it on the wire.
/// Connection loss is handled by reconnecting to another member and resuming the session; requests that
/// were in flight fail with <see cref="ConnectionLossException"/>. After <see cref="ConnectionState.Expired"/>
/// every call throws <see cref="SessionExpiredException"/>: make a new client.
/// </summary>
public sealed class CoordinatorClient : IAsyncDisposable
{
    private readonly ClientSession _session;
    private readonly ConcurrentDictionary<WatchStream, byte> _streams = new();
    private readonly List<Channel<ConnectionState>> _stateListeners = [];
    private ConnectionState? _finalState;

    private CoordinatorClient(ClientSession session)
    {
        _session = session;
        _session.StateChanged += OnStateChanged;
    }

    /// <summary>Raised on the dispatch loop whenever the connection state changes.</summary>
    public event Action<ConnectionState>? StateChanged;

    public ConnectionState State => _session.State;

    public long SessionId => _session.SessionId;

    public byte[] SessionPassword => _session.Password;

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan SessionTimeout => _session.NegotiatedTimeout;

    /// <summary>The member this client is connected to, or null while it is reconnecting.</summary>
    public DnsEndPoint? CurrentServer => _session.CurrentServer;

    internal Chroot Chroot => _session.Chroot;

    /// <summary>
    /// Opens a session on one of the members in <paramref name="connectionString"/>
    /// ("host:port,host:port/optional/chroot") and returns once it is connected.
    /// </summary>
    /// <exception cref="ConnectionLossException">No member accepted a session within <paramref name="sessionTimeout"/>.</exception>
    public static async Task<CoordinatorClient> ConnectAsync(string connectionString, TimeSpan sessionTimeout,
        CoordinatorClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sessionTimeout, TimeSpan.Zero);
        var session = new ClientSession(ConnectionString.Parse(connectionString), sessionTimeout, options ?? CoordinatorClientOptions.Default);
        var client = new CoordinatorClient(session);
        try
        {
            await session.StartAsync(cancellationToken).WaitAsync(sessionTimeout, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (TimeoutException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new ConnectionLossException(null, $"No member of '{connectionString}' accepted a session within {sessionTimeout}.");
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every state change from now on, until the session ends (Expired, AuthFailed or Closed is the last).</summary>
    public async IAsyncEnumerable<ConnectionState> StateChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var changes = Channel.CreateUnbounded<ConnectionState>();
        lock (_stateListeners)
        {
            if (_finalState is { } final)
            {
                // Already over: the stream says how it ended instead of waiting forever.
                changes.Writer.TryWrite(final);
                changes.Writer.TryComplete();
            }
            else
            {
                _stateListeners.Add(changes);
            }
        }

        try
        {
            await foreach (var state in changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return state;
        }
        finally
        {
            lock (_stateListeners)
                _stateListeners.Remove(changes);
        }
    }

    /// <summary>Creates a node. Container mode and the TTL modes use their own opcodes; TTL modes need <paramref name="ttl"/>.</summary>
    public async Task<CreateResult> CreateAsync(string path, byte[]? data = null, CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<Acl>? acl = null, TimeSpan? ttl = null)
    {
        var op = CreateRequests.Build(Chroot.ToServer(path), data, mode, acl, ttl);
        var created = Expect<Create2Response>(await _session.SubmitAsync(op.Type, op.Request, path).ConfigureAwait(false), path);
        return new CreateResult(Chroot.ToClient(created.Path), created.Stat);
    }

    /// <param name="version">The expected data version, or -1 for any.</param>
    public async Task DeleteAsync(string path, int version = -1) =>
        Expect(await _session.SubmitAsync(OpCode.Delete, new DeleteRequest(Chroot.ToServer(path), version), path).ConfigureAwait(false), path);

    /// <summary>The node's Stat, or null when it does not exist. A watcher fires on its creation, change or deletion.</summary>
    public async Task<Stat?> ExistsAsync(string path, Action<WatchedEvent>? watcher = null)
    {
        var serverPath = Chroot.ToServer(path);
        var watch = watcher is null ? null : new WatchRegistration(serverPath, watcher, WatchKind.Data, WatchKind.Exist);
        var reply = await _session.SubmitAsync(OpCode.Exists, new ExistsRequest(serverPath, watcher is not null), path, watch).ConfigureAwait(false);
        return reply.Err == ErrorCode.NoNode ? null : Expect<ExistsResponse>(reply, path).Stat;
    }

    /// <summary>The node's data and Stat. A watcher fires once on a data change or deletion.</summary>
    public async Task<DataResult> GetDataAsync(string path, Action<WatchedEvent>? watcher = null)
    {
        var serverPath = Chroot.ToServer(path);
        var watch = watcher is null ? null : new WatchRegistration(serverPath, watcher, WatchKind.Data);
        var reply = await _session.SubmitAsync(OpCode.GetData, new GetDataRequest(serverPath, watcher is not null), path, watch).ConfigureAwait(false);
        var data = Expect<GetDataResponse>(reply, path);
        return new DataResult(data.Data, data.Stat);
    }

    /// <param name="version">The expected data version, or -1 for any.</param>
    public async Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1)
    {
        var reply = await _session.SubmitAsync(OpCode.SetData, new SetDataRequest(Chroot.ToServer(path), data, version), path).ConfigureAwait(false);
        return Expect<SetDataResponse>(reply, path).Stat;
    }

    /// <summary>The child names (unordered) and the node's Stat. A watcher fires once when the child list changes or the node goes.</summary>
    public async Task<ChildrenResult> GetChildrenAsync(string path, Action<WatchedEvent>? watcher = null)
    {
        var serverPath = Chroot.ToServer(path);
        var watch = watcher is null ? null : new WatchRegistration(serverPath, watcher, WatchKind.Child);
        var reply = await _session.SubmitAsync(OpCode.GetChildren2, new GetChildren2Request(serverPath, watcher is not null), path, watch).ConfigureAwait(false);
        var children = Expect<GetChildren2Response>(reply, path);
        return new ChildrenResult(children.Children, children.Stat);
    }

    public async Task<AclResult> GetAclAsync(string path)
    {
        var acl = Expect<GetACLResponse>(await _session.SubmitAsync(OpCode.GetAcl, new GetACLRequest(Chroot.ToServer(path)), path).ConfigureAwait(false), path);
        return new AclResult(acl.Acl, acl.Stat);
    }

    /// <param name="version">The expected ACL version (aversion), or -1 for any.</param>
    public async Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int version = -1)
    {
        var reply = await _session.SubmitAsync(OpCode.SetAcl, new SetACLRequest(Chroot.ToServer(path), acl, version), path).ConfigureAwait(false);
        return Expect<SetACLResponse>(reply, path).Stat;
    }

    /// <summary>Waits until the member this client talks to has caught up with the leader.</summary>
    public async Task SyncAsync(string path) =>
        Expect(await _session.SubmitAsync(OpCode.Sync, new SyncRequest(Chroot.ToServer(path)), path).ConfigureAwait(false), path);

    /// <summary>Starts a fluent transaction (multi).</summary>
    public Transaction Transaction() => new(this);

    /// <summary>Sets a persistent watch whose callback stays until removed (recursive: also for every descendant).</summary>
    public async Task AddWatchAsync(string path, AddWatchMode mode, Action<WatchedEvent> watcher)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        var serverPath = Chroot.ToServer(path);
        var kind = mode == AddWatchMode.PersistentRecursive ? WatchKind.PersistentRecursive : WatchKind.Persistent;
        var reply = await _session.SubmitAsync(OpCode.AddWatch, new AddWatchRequest(serverPath, mode), path,
            new WatchRegistration(serverPath, watcher, kind)).ConfigureAwait(false);
        Expect(reply, path);
    }

    /// <summary>Sets a persistent watch and returns its events as an async stream; dispose the stream to remove the watch.</summary>
    public async Task<WatchStream> WatchAsync(string path, AddWatchMode mode = AddWatchMode.Persistent)
    {
        var stream = new WatchStream(path, mode, RemoveStreamAsync);
        _streams[stream] = 0;
        try
        {
            await AddWatchAsync(path, mode, stream.Callback).ConfigureAwait(false);
        }
        catch
        {
            _streams.TryRemove(stream, out _);
            throw;
        }

        return stream;
    }

    /// <summary>
    /// Removes every watch of <paramref name="type"/> this session has on the path, on the server and here.
    /// ZooKeeper 3.8 accepts Children, Data and Any (Any also removes persistent watches).
    /// </summary>
    /// <exception cref="NoWatcherException">The session has no such watch on the path.</exception>
    public async Task RemoveWatchesAsync(string path, WatcherType type)
    {
        var serverPath = Chroot.ToServer(path);
        Expect(await _session.SubmitAsync(OpCode.RemoveWatches, new RemoveWatchesRequest(serverPath, type), path).ConfigureAwait(false), path);
        _session.Watches.RemoveAll(serverPath, KindsOf(type));
    }

    /// <summary>The paths of this session's ephemeral nodes at or below <paramref name="prefixPath"/>.</summary>
    public async Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefixPath = "/")
    {
        var reply = await _session.SubmitAsync(OpCode.GetEphemerals, new GetEphemeralsRequest(Chroot.ToServer(prefixPath)), prefixPath).ConfigureAwait(false);
        return Expect<GetEphemeralsResponse>(reply, prefixPath).Ephemerals.Select(Chroot.ToClient).ToArray();
    }

    /// <summary>How many nodes lie below <paramref name="path"/> (all depths, the node itself not counted).</summary>
    public async Task<int> GetAllChildrenNumberAsync(string path)
    {
        var reply = await _session.SubmitAsync(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(Chroot.ToServer(path)), path).ConfigureAwait(false);
        return Expect<GetAllChildrenNumberResponse>(reply, path).TotalNumber;
    }

    /// <summary>Adds credentials to the session (kept and re-sent after reconnects).</summary>
    public Task AddAuthAsync(string scheme, byte[] auth) => _session.AddAuthAsync(new AuthPacket(0, scheme, auth));

    /// <summary>Authenticates as <paramref name="user"/> under the digest scheme.</summary>
    public Task AddDigestAuthAsync(string user, string password) => AddAuthAsync("digest", Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>Closes the session: its ephemerals go and its watches end.</summary>
    public ValueTask DisposeAsync() => _session.DisposeAsync();

    internal async Task<IReadOnlyList<OpResult>> CommitAsync(IReadOnlyList<MultiOp> ops, IReadOnlyList<string> clientPaths)
    {
        var reply = await _session.SubmitAsync(OpCode.Multi, new MultiRequest(ops), clientPaths.FirstOrDefault()).ConfigureAwait(false);
        if (reply.Body is not MultiResponse response)
            throw KeeperException.Create(reply.Err == ErrorCode.Ok ? ErrorCode.MarshallingError : reply.Err, clientPaths.FirstOrDefault());
        var results = response.Results.Select(ToOpResult).ToArray();
        var failed = Array.FindIndex(results, r => r is ErrorOpResult { Code: not ErrorCode.Ok });
        if (failed >= 0)
            throw KeeperException.Create(((ErrorOpResult)results[failed]).Code, clientPaths[failed], results);
        return results;
    }

    private OpResult ToOpResult(MultiResult result) => result.Body switch
    {
        CreateResponse created => new CreateOpResult(Chroot.ToClient(created.Path), null),
        Create2Response created => new CreateOpResult(Chroot.ToClient(created.Path), created.Stat),
        SetDataResponse set => new SetDataOpResult(set.Stat),
        ErrorResponse error => new ErrorOpResult(error.Err),
        _ when result.Type == OpCode.Delete => new DeleteOpResult(),
        _ when result.Type == OpCode.Check => new CheckOpResult(),
        _ => new ErrorOpResult(result.Err),
    };

    private async ValueTask RemoveStreamAsync(WatchStream stream)
    {
        _streams.TryRemove(stream, out _);
        var serverPath = Chroot.ToServer(stream.Path);
        var kind = stream.Mode == AddWatchMode.PersistentRecursive ? WatchKind.PersistentRecursive : WatchKind.Persistent;
        _session.Watches.Remove(kind, serverPath, stream.Callback);
        // ZooKeeper 3.8 removes persistent watches only with type Any, which takes every watch on the path,
        // so the server side goes only when no other callback here still needs one.
        if (_session.Watches.Watches(serverPath) || !State.IsConnected())
            return;
        // Best effort: if this fails the server keeps sending events nobody listens to, which is harmless.
        await _session.SubmitAsync(OpCode.RemoveWatches, new RemoveWatchesRequest(serverPath, WatcherType.Any), stream.Path)
            .ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    private void OnStateChanged(ConnectionState state)
    {
        if (state.IsFinal())
        {
            Exception? error = state == ConnectionState.Expired ? new SessionExpiredException(null, "The session expired.") : null;
            foreach (var stream in _streams.Keys)
                stream.Complete(error);
            _streams.Clear();
        }

        lock (_stateListeners)
        {
            if (state.IsFinal())
                _finalState = state;
            foreach (var listener in _stateListeners)
            {
                listener.Writer.TryWrite(state);
                if (state.IsFinal())
                    listener.Writer.TryComplete();
            }
        }

        StateChanged?.Invoke(state);
    }

    private static IEnumerable<WatchKind> KindsOf(WatcherType type) => type switch
    {
        WatcherType.Children => [WatchKind.Child],
        WatcherType.Data => [WatchKind.Data, WatchKind.Exist],
        WatcherType.Persistent => [WatchKind.Persistent],
        WatcherType.PersistentRecursive => [WatchKind.PersistentRecursive],
        _ => Enum.GetValues<WatchKind>(),
    };

    private static void Expect(Reply reply, string? path)
    {
        if (reply.Err != ErrorCode.Ok)
            throw KeeperException.Create(reply.Err, path);
    }

    private static T Expect<T>(Reply reply, string? path) where T : ZkResponse
    {
        Expect(reply, path);
        return reply.Body as T ?? throw KeeperException.Create(ErrorCode.MarshallingError, path);
    }
}
