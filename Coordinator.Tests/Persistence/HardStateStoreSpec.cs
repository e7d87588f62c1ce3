using Coordinator.Actors.Persistence;

namespace Coordinator.Tests.Persistence;

/// <summary>What every <see cref="IHardStateStore"/> must do.</summary>
public abstract class HardStateStoreSpec
{
    protected abstract IHardStateStore Store();

    [Fact]
    public void Nothing_saved_loads_as_an_empty_set()
    {
        Assert.Empty(Store().Load());
    }

    [Fact]
    public void Hard_state_round_trips_and_a_save_replaces_the_whole_set()
    {
        Store().Save(new Dictionary<string, long> { ["acceptedEpoch"] = 3, ["currentEpoch"] = 2, ["lastVotedFor"] = -1 });
        Assert.Equal(new Dictionary<string, long> { ["acceptedEpoch"] = 3, ["currentEpoch"] = 2, ["lastVotedFor"] = -1 }, Store().Load());

        Store().Save(new Dictionary<string, long> { ["currentEpoch"] = 3 });
        Assert.Equal(new Dictionary<string, long> { ["currentEpoch"] = 3 }, Store().Load());
    }
}

public sealed class InMemoryHardStateStoreSpec : HardStateStoreSpec
{
    private readonly InMemoryHardStateStore _store = new();

    protected override IHardStateStore Store() => _store;
}

/// <summary>Each call opens a new store on the same directory, so every assertion reads what reached the file.</summary>
public sealed class SqliteHardStateStoreSpec : HardStateStoreSpec, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override IHardStateStore Store() => new SqliteHardStateStore(_directory.Path);

    public void Dispose() => _directory.Dispose();
}
