using Coordinator.Actors.Persistence;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

/// <summary>
/// Holds the first append until the test opens the gate, so the test knows everything it queues meanwhile
/// waits for the next commit. Records each batch's zxids.
/// </summary>
public sealed class GatedJournal(IJournal inner) : IJournal
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim _gate = new(false);
    private readonly ManualResetEventSlim _firstAppendStarted = new(false);

    public List<long[]> Batches { get; } = [];

    public void WaitUntilFirstAppendStarted() => Assert.True(_firstAppendStarted.Wait(Patience));

    public void Open() => _gate.Set();

    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        _firstAppendStarted.Set();
        Assert.True(_gate.Wait(Patience));
        inner.Append(entries);
        lock (Batches) Batches.Add(Zxids(entries));
    }

    public long LastZxid => inner.LastZxid;
    public long FirstZxid => inner.FirstZxid;
    public IEnumerable<JournalEntry> ReadFrom(long afterZxid) => inner.ReadFrom(afterZxid);
    public void TruncateAfter(long zxid) => inner.TruncateAfter(zxid);
    public void RollSegment() => inner.RollSegment();
    public int PurgeSegmentsUpTo(long zxid) => inner.PurgeSegmentsUpTo(zxid);
    public void Dispose() => inner.Dispose();
}
