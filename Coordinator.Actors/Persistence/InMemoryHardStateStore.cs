namespace Coordinator.Actors.Persistence;

/// <summary>The hard state store's twin for simulation tests.</summary>
public sealed class InMemoryHardStateStore : IHardStateStore
{
    private volatile IReadOnlyDictionary<string, long> _values = new Dictionary<string, long>();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> Load() => _values;

    /// <inheritdoc />
    public void Save(IReadOnlyDictionary<string, long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, long>(values);
    }
}
