using Coordinator.Actors.Zab.Core;

namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>
/// The ensemble's safety properties, checked as the driver carries out every Ready:
/// <list type="bullet">
/// <item>Leadership: at most one member becomes a serving leader per epoch.</item>
/// <item>Agreement: no two members commit (apply) different txns at the same zxid.</item>
/// <item>Durability of commits: once any member committed zxid z, every leader established later holds z in its
/// log (or below its snapshot) with the same txn.</item>
/// <item>State agreement: the DataTrees of any two members at the same applied zxid have the same digest.</item>
/// <item>Order: each member applies strictly increasing zxids.</item>
/// </list>
/// Violations throw <see cref="SimulationFailure"/>.
/// </summary>
internal sealed class InvariantMonitor
{
    private readonly Dictionary<uint, long> _leaderOfEpoch = [];
    private readonly Dictionary<Zxid, byte[]> _committed = [];

    /// <summary>Committed zxids in increasing order (a member commits z only after everything below it).</summary>
    private readonly List<Zxid> _committedInOrder = [];
    private readonly Dictionary<Zxid, ulong> _digestAt = [];

    public int CommittedCount => _committedInOrder.Count;

    /// <summary>A member applied <paramref name="zxid"/> with <paramref name="txn"/> and its tree now has <paramref name="digest"/>.</summary>
    public void Applied(SimMember member, Zxid previous, Zxid zxid, byte[] txn, ulong digest)
    {
        if (zxid <= previous)
            throw new SimulationFailure($"Order: member {member.Id} applied {zxid} after {previous}");
        if (_committed.TryGetValue(zxid, out var known))
        {
            if (!known.AsSpan().SequenceEqual(txn))
                throw new SimulationFailure($"Agreement: member {member.Id} committed a different txn at {zxid} than another member");
        }
        else
        {
            if (_committedInOrder.Count > 0 && _committedInOrder[^1] > zxid)
                throw new SimulationFailure($"Agreement: member {member.Id} committed {zxid}, which no member committed before {_committedInOrder[^1]}");
            _committed[zxid] = txn;
            _committedInOrder.Add(zxid);
        }
        StateAt(member, zxid, digest);
    }

    /// <summary>A member's tree was loaded from a snapshot (restart or SNAP) at <paramref name="zxid"/>.</summary>
    public void Loaded(SimMember member, Zxid zxid, ulong digest) => StateAt(member, zxid, digest);

    private void StateAt(SimMember member, Zxid zxid, ulong digest)
    {
        if (!_digestAt.TryAdd(zxid, digest) && _digestAt[zxid] != digest)
            throw new SimulationFailure($"State agreement: member {member.Id}'s tree at {zxid} has digest {digest:x16}, another member's had {_digestAt[zxid]:x16}");
    }

    /// <summary>Called after every Step; checks a member that just became a serving leader (and then returns true).</summary>
    public bool AfterStep(SimMember member)
    {
        if (!member.IsServingLeader) return false;
        var epoch = member.Core!.HardState.CurrentEpoch;
        if (member.EstablishedEpoch == epoch) return false;
        member.EstablishedEpoch = epoch;
        if (!_leaderOfEpoch.TryAdd(epoch, member.Id))
            throw new SimulationFailure($"Leadership: members {_leaderOfEpoch[epoch]} and {member.Id} both became serving leaders of epoch {epoch}");
        foreach (var zxid in _committedInOrder)
        {
            if (zxid <= member.Log.SnapshotZxid) continue;
            var entry = member.Log.Find(zxid);
            if (entry is null || !entry.Txn.AsSpan().SequenceEqual(_committed[zxid]))
                throw new SimulationFailure($"Durability: {zxid} was committed, but member {member.Id} became leader of epoch {epoch} "
                    + (entry is null ? "without it in its log" : "with a different txn at that zxid"));
        }
        return true;
    }
}
