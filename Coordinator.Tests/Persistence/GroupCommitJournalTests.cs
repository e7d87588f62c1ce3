using Coordinator.Actors.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

public sealed class GroupCommitJournalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();
    private readonly SqliteJournal _sqlite;
    private readonly GatedJournal _journal;

    public GroupCommitJournalTests()
    {
        _sqlite = SqliteJournal.Open(_directory.Path, NullLogger.Instance);
        _journal = new GatedJournal(_sqlite);
    }

    public void Dispose()
    {
        _journal.Open();
        _sqlite.Dispose();
        _directory.Dispose();
    }

    private sealed class FailingJournal : IJournal
    {
        public void Append(IReadOnlyList<JournalEntry> entries) => throw new IOException("disk full");
        public long LastZxid => 0;
        public long FirstZxid => 0;
        public IEnumerable<JournalEntry> ReadFrom(long afterZxid) => [];
        public void TruncateAfter(long zxid) { }
        public void RollSegment() { }
        public int PurgeSegmentsUpTo(long zxid) => 0;
        public void Dispose() { }
    }

    [Fact]
    public async Task Concurrent_enqueuers_share_commits_and_are_completed_in_zxid_order()
    {
        using var writer = new GroupCommitJournal(_journal, NullLogger.Instance);
        var completed = new List<long>();
        var zxidLock = new Lock();
        long nextCounter = 1;
        Task Enqueue()
        {
            lock (zxidLock) // zxid allocation and enqueue together, as the member's single proposer does
            {
                var zxid = Zxid(1, nextCounter++);
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                writer.Enqueue(Entry(zxid), result =>
                {
                    Assert.True(result.Succeeded);
                    lock (completed) completed.Add(result.Zxid);
                    done.SetResult();
                });
                return done.Task;
            }
        }

        var first = Enqueue();
        _journal.WaitUntilFirstAppendStarted();
        var enqueuers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 25).Select(_ => Enqueue()).ToList())).ToArray();
        var queued = (await Task.WhenAll(enqueuers)).SelectMany(t => t).ToList();
        _journal.Open();
        await Task.WhenAll(queued.Append(first)).WaitAsync(Patience);

        Assert.Equal(2, writer.CommitCount); // 201 entries, two fsyncs: the held one and everything queued behind it
        Assert.Equal([[Zxid(1, 1)], ZxidRange(2, 201)], _journal.Batches);
        Assert.Equal(ZxidRange(1, 201), completed);
        Assert.Equal(ZxidRange(1, 201), Zxids(_sqlite.ReadFrom(0)));
    }

    [Fact]
    public async Task A_batch_never_exceeds_the_maximum_size()
    {
        using var writer = new GroupCommitJournal(_journal, NullLogger.Instance, maxBatch: 3);
        var first = writer.AppendAsync(Entry(Zxid(1, 1)));
        _journal.WaitUntilFirstAppendStarted();
        var rest = Entries(2, 10).Select(writer.AppendAsync).ToList();

        _journal.Open();
        await Task.WhenAll(rest.Append(first)).WaitAsync(Patience);

        Assert.Equal([[Zxid(1, 1)], ZxidRange(2, 4), ZxidRange(5, 7), ZxidRange(8, 10)], _journal.Batches);
        Assert.Equal(4, writer.CommitCount);
    }

    [Fact]
    public async Task No_completion_runs_before_its_entry_is_durable()
    {
        using var writer = new GroupCommitJournal(_journal, NullLogger.Instance);
        var acked = writer.AppendAsync(Entry(Zxid(1, 1)));
        _journal.WaitUntilFirstAppendStarted();

        Assert.False(acked.IsCompleted);
        Assert.Equal(0, _sqlite.LastZxid);
        _journal.Open();
        await acked.WaitAsync(Patience);
        Assert.Equal(Zxid(1, 1), _sqlite.LastZxid);
    }

    [Fact]
    public async Task Dispose_flushes_everything_queued()
    {
        var writer = new GroupCommitJournal(_journal, NullLogger.Instance);
        var acks = new List<Task> { writer.AppendAsync(Entry(Zxid(1, 1))) };
        _journal.WaitUntilFirstAppendStarted();
        acks.AddRange(Entries(2, 5).Select(writer.AppendAsync));

        var disposing = Task.Run(writer.Dispose);
        _journal.Open();

        await disposing.WaitAsync(Patience);
        Assert.All(acks, ack => Assert.True(ack.IsCompletedSuccessfully));
        Assert.Equal(ZxidRange(1, 5), Zxids(_sqlite.ReadFrom(0)));
        Assert.Throws<ObjectDisposedException>(() => writer.Enqueue(Entry(Zxid(1, 6)), _ => { }));
    }

    [Fact]
    public async Task A_failed_append_fails_that_batch_and_every_later_entry()
    {
        using var writer = new GroupCommitJournal(new FailingJournal(), NullLogger.Instance);

        var error = await Assert.ThrowsAsync<IOException>(() => writer.AppendAsync(Entry(Zxid(1, 1))).WaitAsync(Patience));
        var later = await Assert.ThrowsAsync<IOException>(() => writer.AppendAsync(Entry(Zxid(1, 2))).WaitAsync(Patience));

        Assert.Equal("disk full", error.Message);
        Assert.Same(error, later);
        Assert.Equal(0, writer.CommitCount);
    }

    [Fact]
    public async Task Enqueueing_a_zxid_that_does_not_increase_throws_at_once()
    {
        _journal.Open();
        _sqlite.Append(Entries(1, 2));
        using var writer = new GroupCommitJournal(_journal, NullLogger.Instance);

        Assert.Throws<ArgumentException>(() => writer.Enqueue(Entry(Zxid(1, 2)), _ => { }));
        await writer.AppendAsync(Entry(Zxid(1, 3))).WaitAsync(Patience);
        Assert.Throws<ArgumentException>(() => writer.Enqueue(Entry(Zxid(1, 3)), _ => { }));
    }

    [Fact]
    public async Task Truncate_waits_for_queued_entries_and_later_appends_continue_from_the_cut()
    {
        using var writer = new GroupCommitJournal(_journal, NullLogger.Instance);
        var acks = new List<Task> { writer.AppendAsync(Entry(Zxid(1, 1))) };
        _journal.WaitUntilFirstAppendStarted();
        acks.AddRange(Entries(2, 5).Select(writer.AppendAsync));

        var truncating = Task.Run(() => writer.TruncateAfter(Zxid(1, 2)));
        _journal.Open();
        await truncating.WaitAsync(Patience);

        Assert.All(acks, ack => Assert.True(ack.IsCompletedSuccessfully));
        Assert.Equal(ZxidRange(1, 2), Zxids(_sqlite.ReadFrom(0)));
        await writer.AppendAsync(Entry(Zxid(1, 3))).WaitAsync(Patience);
        Assert.Equal(ZxidRange(1, 3), Zxids(_sqlite.ReadFrom(0)));
    }
}
