namespace Coordinator.Actors.Persistence;

/// <summary>
/// The few numbers consensus must never forget (acceptedEpoch, currentEpoch, last vote, ...), as named longs.
/// <see cref="Save"/> replaces the whole set atomically and durably.
/// </summary>
public interface IHardStateStore
{
    /// <summary>The last saved set; empty if nothing was ever saved.</summary>
    IReadOnlyDictionary<string, long> Load();

    /// <summary>Replaces the stored set in one durable, atomic write.</summary>
    void Save(IReadOnlyDictionary<string, long> values);
}
