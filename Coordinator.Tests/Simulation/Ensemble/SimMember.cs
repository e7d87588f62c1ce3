using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Zab.Core;
using Coordinator.Tests.Simulation.Checkers;
using Coordinator.Tests.Zab.Harness;

namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>
/// A client write handed to a leader. Exactly one of <see cref="Completed"/> (the leader applied it) or
/// <see cref="Lost"/> (the leader stopped leading or crashed first: the client sees ConnectionLoss) is called,
/// unless the run ends while it is in flight.
/// </summary>
internal sealed record WriteTicket(Action<ZkOutput, Zxid> Completed, Action Lost);

/// <summary>
/// One simulated member: what survives a crash (the log up to <see cref="Durable"/>, the saved hard state, the
/// log's snapshot) and what does not (the core, the applied tree, the leader's prep and its waiting writes).
/// </summary>
internal sealed class SimMember(ZabConfig config, ZabSnapshot initial)
{
    public long Id => Config.MyId;
    public ZabConfig Config { get; } = config;
    public MemoryZabLog Log { get; } = new(initial);
    public HardState Saved { get; set; }
    public Zxid Durable { get; set; }

    /// <summary>Null while crashed (or before the first start).</summary>
    public ZabCore? Core { get; set; }

    public DataTree Tree { get; set; } = DataTreeSnapshot.Read(initial.State);

    /// <summary>The last zxid applied to <see cref="Tree"/>.</summary>
    public Zxid Applied { get; set; }

    /// <summary>The leader's request prep; exists only while this member is a serving leader.</summary>
    public RequestPrep? Prep { get; set; }

    /// <summary>Client writes this leader proposed and has not applied yet, by zxid.</summary>
    public SortedDictionary<Zxid, WriteTicket> Waiting { get; } = [];

    /// <summary>The epoch this member last became a serving leader in (so establishment is checked once).</summary>
    public uint EstablishedEpoch { get; set; }

    public bool IsAlive => Core is not null;

    public bool IsServingLeader => Core is { Role: Role.Leading, IsServing: true };

    /// <summary>True when this member may answer client reads (ZooKeeper refuses clients while not synced).</summary>
    public bool IsServing => Core is { IsServing: true };

    public override string ToString() =>
        Core is null ? $"member {Id} (down, log to {Log.LastZxid}, durable {Durable})"
            : $"member {Id} ({Core.Role}{(Core.IsServing ? " serving" : "")}, leader {Core.LeaderId}, epochs {Core.HardState}, log ({Log.SnapshotZxid}, {Log.LastZxid}], durable {Durable}, applied {Applied})";
}
