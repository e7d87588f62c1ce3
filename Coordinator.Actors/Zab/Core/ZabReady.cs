using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Core;

/// <summary>A message the driver must send to member <paramref name="To"/>.</summary>
public sealed record OutgoingMessage(long To, PeerMessage Message);

/// <summary>
/// What one <see cref="ZabCore.Step"/> asks the driver to do. The driver carries it out in this order:
/// <list type="number">
/// <item><see cref="SnapshotToInstall"/>, then <see cref="TruncateTo"/>, then <see cref="HardStateToSave"/>:
/// each made DURABLE before anything below happens.</item>
/// <item><see cref="EntriesToAppend"/>: handed to the journal, readable through <see cref="IZabLog"/> before the
/// next Step; their durability is reported later with <see cref="JournalAppended"/>.</item>
/// <item><see cref="MessagesToSend"/>: may leave as soon as step 1 is durable. They never depend on this Ready's
/// appends being durable: the core emits acknowledgements (ACK, the NEWLEADER ack) only from a later Step, after
/// <see cref="JournalAppended"/> reported the entries they vouch for.</item>
/// <item><see cref="CommittedUpTo"/>: apply the logged entries up to it, in zxid order. A snapshot installed in
/// step 1 is already applied state.</item>
/// <item><see cref="RoleChanged"/>: tell the member (and reject or redirect client work accordingly).</item>
/// </list>
/// </summary>
public sealed class ZabReady
{
    public HardState? HardStateToSave { get; internal set; }
    public ZabSnapshot? SnapshotToInstall { get; internal set; }
    public Zxid? TruncateTo { get; internal set; }
    internal readonly List<ZabEntry> Appends = [];
    internal readonly List<OutgoingMessage> Messages = [];

    public IReadOnlyList<ZabEntry> EntriesToAppend => Appends;
    public IReadOnlyList<OutgoingMessage> MessagesToSend => Messages;
    public Zxid? CommittedUpTo { get; internal set; }
    public Role? RoleChanged { get; internal set; }

    /// <summary>The zxid given to the txn of a <see cref="ClientTxnProposed"/>, when the leader accepted it.</summary>
    public Zxid? Proposed { get; internal set; }

    /// <summary>Why a <see cref="ClientTxnProposed"/> was refused (not a serving leader), or null.</summary>
    public string? Rejection { get; internal set; }

    public bool IsEmpty => HardStateToSave is null && SnapshotToInstall is null && TruncateTo is null && EntriesToAppend.Count == 0
        && MessagesToSend.Count == 0 && CommittedUpTo is null && RoleChanged is null && Proposed is null && Rejection is null;
}

/// <summary>A member's Zab role.</summary>
public enum Role { Looking, Following, Leading, Observing }

/// <summary>
/// The ensemble and the timeouts, in ticks. Observers are listed apart from voters and never count toward
/// any quorum.
/// </summary>
public sealed record ZabConfig(long MyId, IReadOnlyList<long> Voters, IReadOnlyList<long> Observers)
{
    /// <summary>While looking, resend the current vote after this many ticks of silence.</summary>
    public int ElectionTimeoutTicks { get; init; } = 5;

    /// <summary>After a quorum agrees on a vote, wait this long for a better late vote before deciding.</summary>
    public int FinalizeWaitTicks { get; init; } = 1;

    /// <summary>Discovery and synchronization must finish within this many ticks, or the member looks again.</summary>
    public int InitLimitTicks { get; init; } = 20;

    /// <summary>During broadcast, a leader or learner that hears nothing from the other side this long looks again.</summary>
    public int SyncLimitTicks { get; init; } = 10;

    /// <summary>How often a leader pings its learners.</summary>
    public int PingIntervalTicks { get; init; } = 2;

    public bool IsObserver => Observers.Contains(MyId);
}
