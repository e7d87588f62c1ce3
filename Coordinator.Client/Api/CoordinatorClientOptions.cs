using Coordinator.Protocol.Jute;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Client.Api;

/// <summary>Tuning for a <see cref="CoordinatorClient"/>; the defaults suit most uses.</summary>
public sealed record CoordinatorClientOptions
{
    public static CoordinatorClientOptions Default { get; } = new();

    /// <summary>Accept a member that lost its quorum and serves reads only (state ConnectedReadOnly).</summary>
    public bool CanBeReadOnly { get; init; }

    /// <summary>Largest reply frame accepted, as ZooKeeper's jute.maxbuffer.</summary>
    public int MaxFrameSize { get; init; } = JuteLimits.DefaultMaxBuffer;

    /// <summary>Shuffles the server list and spreads reconnect delays; seed it to make a test repeatable.</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>
    /// Resume an existing session (its id and password) instead of creating one, e.g. to take over a
    /// session after a process restart.
    /// </summary>
    public SessionCredentials? ResumeSession { get; init; }

    /// <summary>Reports connection attempts and failed callbacks.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}

/// <summary>What identifies a session to the server.</summary>
public sealed record SessionCredentials(long SessionId, byte[] Password);
