using Coordinator.Runtime.Configuration;

namespace Coordinator.Actors.Settings;

/// <summary>
/// The typed, validated view of the <c>coordinator</c> section. Reading it is how <c>serve</c> checks a
/// configuration before starting anything: every key must be present (reference.conf supplies them)
/// and in range, or a <see cref="ConfigurationException"/> names the path.
/// </summary>
public sealed record CoordinatorSettings(ActorSettings Actor, MemberSettings Member, EnsembleSettings Ensemble)
{
    public static CoordinatorSettings From(Config config)
    {
        var root = config.GetConfig("coordinator");
        var settings = new CoordinatorSettings(
            ActorSettings.From(root.GetConfig("actor")),
            MemberSettings.From(root.GetConfig("member")),
            EnsembleSettings.From(root.GetConfig("ensemble")));
        settings.Ensemble.CheckContains(settings.Member.Id);
        return settings;
    }
}

public sealed record ActorSettings(int Throughput, TimeSpan AskTimeout, int DeadLetterLogLimit, int MaxRestarts, TimeSpan RestartWindow)
{
    public static ActorSettings From(Config actor) => new(
        Throughput: Check.AtLeast(actor, "throughput", 1),
        AskTimeout: Check.Positive(actor, "ask-timeout"),
        DeadLetterLogLimit: Check.AtLeast(actor, "dead-letter-log-limit", 0),
        MaxRestarts: Check.AtLeast(actor, "supervision.max-restarts", 0),
        RestartWindow: Check.Positive(actor, "supervision.within"));
}

/// <param name="ClientPort">0 binds any free port (tests, scripts running several members).</param>
/// <param name="MaxClientConnections">Per client IP; 0 means unlimited.</param>
/// <param name="FourLetterWords">Enabled words; "*" enables all.</param>
/// <param name="SuperDigest">"super:&lt;base64 sha1&gt;", or empty when the super identity is disabled.</param>
public sealed record MemberSettings(
    int Id,
    string ClientAddress,
    int ClientPort,
    string DataDir,
    TimeSpan TickTime,
    TimeSpan MinSessionTimeout,
    TimeSpan MaxSessionTimeout,
    int MaxClientConnections,
    int JuteMaxBuffer,
    int MaxFrameSize,
    IReadOnlyList<string> FourLetterWords,
    bool TtlNodesEnabled,
    TimeSpan ContainerCheckInterval,
    int ContainerMaxPerMinute,
    string SuperDigest,
    JournalSettings Journal,
    SnapshotSettings Snapshot)
{
    public static MemberSettings From(Config member)
    {
        var settings = new MemberSettings(
            Id: Check.Between(member, "id", 1, 254),
            ClientAddress: Check.NotEmpty(member, "client-address"),
            ClientPort: Check.Between(member, "client-port", 0, 65535),
            DataDir: Check.NotEmpty(member, "data-dir"),
            TickTime: Check.Positive(member, "tick-time"),
            MinSessionTimeout: Check.Positive(member, "min-session-timeout"),
            MaxSessionTimeout: Check.Positive(member, "max-session-timeout"),
            MaxClientConnections: Check.AtLeast(member, "max-client-cnxns", 0),
            JuteMaxBuffer: Check.AtLeast(member, "jute-max-buffer", 1),
            MaxFrameSize: Check.AtLeast(member, "max-frame-size", 1),
            FourLetterWords: member.GetStringList("four-letter-words"),
            TtlNodesEnabled: member.GetBool("ttl-nodes-enabled"),
            ContainerCheckInterval: Check.Positive(member, "container-check-interval"),
            ContainerMaxPerMinute: Check.AtLeast(member, "container-max-per-minute", 1),
            SuperDigest: member.GetString("super-digest"),
            Journal: new JournalSettings(
                GroupCommitMaxBatch: Check.AtLeast(member, "journal.group-commit-max-batch", 1),
                MemoryTailBytes: Check.NotNegative(member, "journal.memory-tail")),
            Snapshot: new SnapshotSettings(
                SnapCount: Check.AtLeast(member, "snapshot.snap-count", 2),
                RetainCount: Check.AtLeast(member, "snapshot.retain-count", 1)));

        if (settings.MinSessionTimeout > settings.MaxSessionTimeout)
            throw Check.Invalid(member, "min-session-timeout", $"must not exceed max-session-timeout ({settings.MaxSessionTimeout})");
        if (settings.MaxFrameSize < settings.JuteMaxBuffer)
            throw Check.Invalid(member, "max-frame-size", $"must be at least jute-max-buffer ({settings.JuteMaxBuffer})");
        if (settings.SuperDigest.Length > 0 && !settings.SuperDigest.StartsWith("super:", StringComparison.Ordinal))
            throw Check.Invalid(member, "super-digest", "must be empty or \"super:<base64 sha1>\"");
        return settings;
    }

    /// <summary>ZooKeeper's rule: the requested timeout clamped into [min, max].</summary>
    public int NegotiateSessionTimeout(int requestedMs) =>
        Math.Clamp(requestedMs, (int)MinSessionTimeout.TotalMilliseconds, (int)MaxSessionTimeout.TotalMilliseconds);
}

/// <param name="MemoryTailBytes">
/// Durable txn bytes an ensemble member keeps in memory beyond those not yet durable; syncs that need older txns read
/// them back from the journal.
/// </param>
public sealed record JournalSettings(int GroupCommitMaxBatch, long MemoryTailBytes);

/// <param name="SnapCount">Txns between snapshots; at least 2 because each member snapshots after a random share of it.</param>
public sealed record SnapshotSettings(int SnapCount, int RetainCount);

public enum MemberRole
{
    Participant,
    Observer,
}

public sealed record EnsembleMember(int Id, string Host, int ClientPort, int QuorumPort, int ElectionPort, MemberRole Role);

/// <param name="Members">Empty for a standalone member.</param>
public sealed record EnsembleSettings(IReadOnlyList<EnsembleMember> Members, int InitLimitTicks, int SyncLimitTicks)
{
    public bool IsStandalone => Members.Count == 0;

    public static EnsembleSettings From(Config ensemble)
    {
        var members = ensemble.GetConfigList("members").Select(ReadMember).ToList();
        var duplicate = members.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Check.Invalid(ensemble, "members", $"member id {duplicate.Key} appears more than once");
        return new EnsembleSettings(
            members,
            InitLimitTicks: Check.AtLeast(ensemble, "init-limit", 1),
            SyncLimitTicks: Check.AtLeast(ensemble, "sync-limit", 1));
    }

    /// <summary>
    /// The membership as ZooKeeper writes it into /zookeeper/config:
    /// <c>server.1=host:quorumPort:electionPort:participant;clientAddress:clientPort</c> per member, then the version.
    /// </summary>
    public string ZooKeeperConfigText(string clientAddress) =>
        string.Concat(Members.Select(m =>
            $"server.{m.Id}={m.Host}:{m.QuorumPort}:{m.ElectionPort}:{m.Role.ToString().ToLowerInvariant()};{clientAddress}:{m.ClientPort}\n"))
        + "version=0";

    /// <summary>This member's entry.</summary>
    public EnsembleMember Member(int id) => Members.Single(m => m.Id == id);

    /// <summary>In an ensemble, this member's id must be one of the listed members.</summary>
    public void CheckContains(int memberId)
    {
        if (!IsStandalone && Members.All(m => m.Id != memberId))
            throw new ConfigurationException(
                $"coordinator.member.id: {memberId} is not among coordinator.ensemble.members ({string.Join(", ", Members.Select(m => m.Id))})");
    }

    private static EnsembleMember ReadMember(Config member) => new(
        Id: Check.Between(member, "id", 1, 254),
        Host: Check.NotEmpty(member, "host"),
        ClientPort: Check.Between(member, "client-port", 0, 65535),
        QuorumPort: Check.Between(member, "quorum-port", 1, 65535),
        ElectionPort: Check.Between(member, "election-port", 1, 65535),
        Role: member.GetString("role") switch
        {
            "participant" => MemberRole.Participant,
            "observer" => MemberRole.Observer,
            var other => throw Check.Invalid(member, "role", $"must be participant or observer, not '{other}'"),
        });
}

/// <summary>Range checks whose errors name the full path, like the getters' own errors.</summary>
internal static class Check
{
    public static int Between(Config config, string path, int min, int max)
    {
        var value = config.GetInt(path);
        return value >= min && value <= max ? value : throw Invalid(config, path, $"must be between {min} and {max}, not {value}");
    }

    public static int AtLeast(Config config, string path, int min)
    {
        var value = config.GetInt(path);
        return value >= min ? value : throw Invalid(config, path, $"must be at least {min}, not {value}");
    }

    public static long NotNegative(Config config, string path)
    {
        var value = config.GetBytes(path);
        return value >= 0 ? value : throw Invalid(config, path, $"must not be negative, not {value}");
    }

    public static TimeSpan Positive(Config config, string path)
    {
        var value = config.GetDuration(path);
        return value > TimeSpan.Zero ? value : throw Invalid(config, path, $"must be a positive duration, not {value}");
    }

    public static string NotEmpty(Config config, string path)
    {
        var value = config.GetString(path);
        return value.Length > 0 ? value : throw Invalid(config, path, "must not be empty");
    }

    public static ConfigurationException Invalid(Config config, string path, string problem) =>
        new($"{config.FullPathOf(path)}: {problem}");
}
