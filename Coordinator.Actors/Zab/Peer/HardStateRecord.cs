using Coordinator.Actors.Persistence;
using Coordinator.Actors.Zab.Core;

namespace Coordinator.Actors.Zab.Peer;

/// <summary>Zab's epochs as named values in the member's hard-state store (ZooKeeper's acceptedEpoch and currentEpoch files).</summary>
public static class HardStateRecord
{
    private const string AcceptedEpoch = "acceptedEpoch";
    private const string CurrentEpoch = "currentEpoch";

    public static HardState Load(IHardStateStore store)
    {
        var values = store.Load();
        return new HardState((uint)values.GetValueOrDefault(AcceptedEpoch), (uint)values.GetValueOrDefault(CurrentEpoch));
    }

    /// <summary>Durable when it returns: Zab may send what depends on it only afterwards.</summary>
    public static void Save(IHardStateStore store, HardState state) =>
        store.Save(new Dictionary<string, long> { [AcceptedEpoch] = state.AcceptedEpoch, [CurrentEpoch] = state.CurrentEpoch });
}
