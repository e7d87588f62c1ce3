using Coordinator.Runtime.Configuration;

namespace Coordinator.Actors.Settings;

/// <summary>
/// A member's settings, read once from the <c>coordinator.member</c> section of the HOCON config
/// (every key and its default is in hocon/reference.conf).
/// </summary>
public sealed record MemberSettings
{
    public required int ServerId { get; init; }
    public required string ClientAddress { get; init; }
    public required int ClientPort { get; init; }
    public required string DataDir { get; init; }
    public required TimeSpan TickTime { get; init; }
    public required TimeSpan MinSessionTimeout { get; init; }
    public required TimeSpan MaxSessionTimeout { get; init; }
    public required int MaxClientConnections { get; init; }
    public required int JuteMaxBuffer { get; init; }
    public required int MaxFrameSize { get; init; }
    public required IReadOnlyList<string> FourLetterWords { get; init; }
    public required bool TtlNodesEnabled { get; init; }
    public required TimeSpan ContainerCheckInterval { get; init; }
    public required int ContainerMaxPerMinute { get; init; }
    public required string SuperDigest { get; init; }
    public required int GroupCommitMaxBatch { get; init; }
    public required int SnapCount { get; init; }
    public required int SnapshotRetainCount { get; init; }

    public static MemberSettings FromConfig(Config config)
    {
        var m = config.GetConfig("coordinator.member");
        var settings = new MemberSettings
        {
            ServerId = m.GetInt("id"),
            ClientAddress = m.GetString("client-address"),
            ClientPort = m.GetInt("client-port"),
            DataDir = m.GetString("data-dir"),
            TickTime = m.GetDuration("tick-time"),
            MinSessionTimeout = m.GetDuration("min-session-timeout"),
            MaxSessionTimeout = m.GetDuration("max-session-timeout"),
            MaxClientConnections = m.GetInt("max-client-cnxns"),
            JuteMaxBuffer = checked((int)m.GetBytes("jute-max-buffer")),
            MaxFrameSize = checked((int)m.GetBytes("max-frame-size")),
            FourLetterWords = m.GetStringList("four-letter-words"),
            TtlNodesEnabled = m.GetBool("ttl-nodes-enabled"),
            ContainerCheckInterval = m.GetDuration("container-check-interval"),
            ContainerMaxPerMinute = m.GetInt("container-max-per-minute"),
            SuperDigest = m.GetString("super-digest"),
            GroupCommitMaxBatch = m.GetInt("journal.group-commit-max-batch"),
            SnapCount = m.GetInt("snapshot.snap-count"),
            SnapshotRetainCount = m.GetInt("snapshot.retain-count"),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Fails fast with the offending key, so a bad config never reaches a running member.</summary>
    public void Validate()
    {
        Require(ServerId is >= 1 and <= 254, "coordinator.member.id", "must be between 1 and 254 (a top byte of 0xFF would mark TTL nodes)");
        Require(ClientPort is >= 0 and <= 65535, "coordinator.member.client-port", "must be a TCP port");
        Require(TickTime > TimeSpan.Zero, "coordinator.member.tick-time", "must be positive");
        Require(MinSessionTimeout <= MaxSessionTimeout, "coordinator.member.min-session-timeout", "must not exceed max-session-timeout");
        Require(MaxFrameSize > JuteMaxBuffer, "coordinator.member.max-frame-size", "must exceed jute-max-buffer so the largest allowed data still fits in a frame");
        Require(SnapCount >= 2, "coordinator.member.snapshot.snap-count", "must be at least 2");
        Require(SnapshotRetainCount >= 1, "coordinator.member.snapshot.retain-count", "must be at least 1");
        Require(GroupCommitMaxBatch >= 1, "coordinator.member.journal.group-commit-max-batch", "must be at least 1");
    }

    /// <summary>ZooKeeper's rule: the requested timeout clamped into [min, max].</summary>
    public int NegotiateSessionTimeout(int requestedMs) =>
        Math.Clamp(requestedMs, (int)MinSessionTimeout.TotalMilliseconds, (int)MaxSessionTimeout.TotalMilliseconds);

    private static void Require(bool condition, string key, string rule)
    {
        if (!condition) throw new ConfigurationException($"{key} {rule}");
    }
}
