using Coordinator.Protocol;
using Coordinator.Client.Transactions;

namespace Coordinator.Client.Api;

/// <summary>
/// A ZooKeeper error answer (or a client-side condition with a ZooKeeper code, such as connection loss).
/// <see cref="Code"/> is the wire error code and <see cref="Path"/> the client path the request named.
/// </summary>
public class KeeperException : Exception
{
    protected internal KeeperException(ErrorCode code, string? path, string? message = null)
        : base(message ?? Describe(code, path))
    {
        Code = code;
        Path = path;
    }

    public ErrorCode Code { get; }

    public string? Path { get; }

    /// <summary>For a failed transaction: every op's result (the failed op and those after it carry error codes).</summary>
    public IReadOnlyList<OpResult>? Results { get; internal init; }

    /// <summary>The typed exception for <paramref name="code"/>.</summary>
    public static KeeperException Create(ErrorCode code, string? path = null, IReadOnlyList<OpResult>? results = null) => code switch
    {
        ErrorCode.NoNode => new NoNodeException(path) { Results = results },
        ErrorCode.NodeExists => new NodeExistsException(path) { Results = results },
        ErrorCode.BadVersion => new BadVersionException(path) { Results = results },
        ErrorCode.NotEmpty => new NotEmptyException(path) { Results = results },
        ErrorCode.NoAuth => new NoAuthException(path) { Results = results },
        ErrorCode.NoChildrenForEphemerals => new NoChildrenForEphemeralsException(path) { Results = results },
        ErrorCode.InvalidAcl => new InvalidAclException(path) { Results = results },
        ErrorCode.BadArguments => new BadArgumentsException(path) { Results = results },
        ErrorCode.NoWatcher => new NoWatcherException(path) { Results = results },
        ErrorCode.ConnectionLoss => new ConnectionLossException(path),
        ErrorCode.SessionExpired => new SessionExpiredException(path),
        ErrorCode.AuthFailed => new AuthFailedException(path),
        ErrorCode.Unimplemented => new UnimplementedException(path),
        _ => new KeeperException(code, path) { Results = results },
    };

    private static string Describe(ErrorCode code, string? path) =>
        path is null ? $"{code} ({(int)code})" : $"{code} ({(int)code}) for {path}";
}

public sealed class NoNodeException(string? path) : KeeperException(ErrorCode.NoNode, path);

public sealed class NodeExistsException(string? path) : KeeperException(ErrorCode.NodeExists, path);

public sealed class BadVersionException(string? path) : KeeperException(ErrorCode.BadVersion, path);

public sealed class NotEmptyException(string? path) : KeeperException(ErrorCode.NotEmpty, path);

public sealed class NoAuthException(string? path) : KeeperException(ErrorCode.NoAuth, path);

public sealed class NoChildrenForEphemeralsException(string? path) : KeeperException(ErrorCode.NoChildrenForEphemerals, path);

public sealed class InvalidAclException(string? path) : KeeperException(ErrorCode.InvalidAcl, path);

public sealed class BadArgumentsException(string? path) : KeeperException(ErrorCode.BadArguments, path);

public sealed class NoWatcherException(string? path) : KeeperException(ErrorCode.NoWatcher, path);

public sealed class UnimplementedException(string? path) : KeeperException(ErrorCode.Unimplemented, path);

/// <summary>The connection dropped before the answer arrived; the request may or may not have been applied.</summary>
public sealed class ConnectionLossException(string? path, string? message = null)
    : KeeperException(ErrorCode.ConnectionLoss, path, message);

/// <summary>The session is gone (expired on the server); make a new client.</summary>
public sealed class SessionExpiredException(string? path, string? message = null)
    : KeeperException(ErrorCode.SessionExpired, path, message);

/// <summary>Authentication was rejected; the server closed the session's connection and the client is unusable.</summary>
public sealed class AuthFailedException(string? path, string? message = null)
    : KeeperException(ErrorCode.AuthFailed, path, message);
