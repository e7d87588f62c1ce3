using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Persistence;

/// <summary>Outcome of one queued append: the zxid is durable when <see cref="Error"/> is null.</summary>
public readonly record struct JournalAppendResult(long Zxid, Exception? Error)
{
    /// <summary>True when the entry is durable.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Group commit in front of an <see cref="IJournal"/>: one dedicated thread takes everything queued (up to
/// <c>maxBatch</c> entries), appends it as one batch (one SQLite transaction, one fsync) and only then runs the
/// completions, in enqueue order. Durable before ack: no completion reports success before its entry is
/// on disk. After a failed append every pending and later entry fails with that error, because the member
/// must stop rather than ack anything. Dispose flushes what is queued, then stops the thread.
/// </summary>
public sealed class GroupCommitJournal : IDisposable
{
    private readonly IJournal _journal;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly object _gate = new();
    private readonly Queue<Pending> _queue = new();
    private readonly Thread _writer;
    private long _lastEnqueuedZxid;
    private long _commitCount;
    private Exception? _failure;
    private bool _stopping;
    private bool _writing; // the writer thread holds a batch it has not completed yet

    private readonly record struct Pending(JournalEntry Entry, Action<JournalAppendResult> Completion);

    /// <summary>Starts the writer thread over <paramref name="journal"/>.</summary>
    public GroupCommitJournal(IJournal journal, ILogger logger, int maxBatch = 1000)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _journal = journal;
        _logger = logger;
        _maxBatch = maxBatch;
        _lastEnqueuedZxid = journal.LastZxid;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "journal-writer" };
        _writer.Start();
    }

    /// <summary>Number of batches appended so far (each one SQLite transaction).</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>
    /// Queues <paramref name="entry"/>; <paramref name="completion"/> runs on the writer thread once the entry
    /// is durable (or failed). Keep it short: hand the result to an actor's mailbox. Zxids must increase across
    /// calls, otherwise <see cref="ArgumentException"/> and nothing is queued.
    /// </summary>
    public void Enqueue(JournalEntry entry, Action<JournalAppendResult> completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        Exception? failure;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (entry.Zxid <= _lastEnqueuedZxid)
                throw new ArgumentException(
                    $"Journal append out of order: zxid 0x{entry.Zxid:x16} does not follow 0x{_lastEnqueuedZxid:x16}.", nameof(entry));
            _lastEnqueuedZxid = entry.Zxid;
            failure = _failure;
            if (failure is null)
            {
                _queue.Enqueue(new Pending(entry, completion));
                Monitor.PulseAll(_gate);
                return;
            }
        }
        Complete(completion, new JournalAppendResult(entry.Zxid, failure));
    }

    /// <summary>Queues <paramref name="entry"/> and returns a task that completes once it is durable.</summary>
    public Task AppendAsync(JournalEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(entry, result =>
        {
            if (result.Error is null) done.SetResult();
            else done.SetException(result.Error);
        });
        return done.Task;
    }

    /// <summary>
    /// Waits until everything queued is written and completed, then truncates the journal after
    /// <paramref name="zxid"/> (Zab's TRUNC); later enqueues continue from the journal's new last zxid.
    /// Call it from the member, never from a completion (that would wait for itself).
    /// </summary>
    public void TruncateAfter(long zxid)
    {
        if (Thread.CurrentThread == _writer)
            throw new InvalidOperationException("A journal completion must not truncate: it would wait for itself.");
        lock (_gate)
        {
            while ((_queue.Count > 0 || _writing) && _failure is null) Monitor.Wait(_gate);
            if (_failure is not null) throw new InvalidOperationException("The journal writer has failed; the member must stop.", _failure);
            _journal.TruncateAfter(zxid);
            _lastEnqueuedZxid = _journal.LastZxid;
        }
    }

    /// <summary>Flushes everything queued, then stops the writer thread. Does not dispose the journal.</summary>
    public void Dispose()
    {
        if (Thread.CurrentThread == _writer)
            throw new InvalidOperationException("A journal completion must not dispose the journal writer: it would wait for itself.");
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _writer.Join();
    }

    private void WriteLoop()
    {
        static JournalAppendResult Result(Pending pending, Exception? error) => new(pending.Entry.Zxid, error);
        while (TakeBatch() is { } batch)
        {
            try
            {
                _journal.Append(batch.Select(p => p.Entry).ToList());
                Interlocked.Increment(ref _commitCount);
            }
            catch (Exception error)
            {
                List<Pending> abandoned;
                lock (_gate)
                {
                    _failure = error;
                    abandoned = [.. _queue];
                    _queue.Clear();
                }
                foreach (var pending in batch.Concat(abandoned)) Complete(pending.Completion, Result(pending, error));
                BatchDone();
                continue;
            }
            foreach (var pending in batch) Complete(pending.Completion, Result(pending, null));
            BatchDone();
        }
    }

    private void BatchDone()
    {
        lock (_gate)
        {
            _writing = false;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks until work is queued; null once stopping and drained.</summary>
    private List<Pending>? TakeBatch()
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_stopping) Monitor.Wait(_gate);
            if (_queue.Count == 0) return null;
            var batch = new List<Pending>(Math.Min(_queue.Count, _maxBatch));
            while (batch.Count < _maxBatch && _queue.TryDequeue(out var pending)) batch.Add(pending);
            _writing = true;
            return batch;
        }
    }

    private void Complete(Action<JournalAppendResult> completion, JournalAppendResult result)
    {
        try
        {
            completion(result);
        }
        catch (Exception error)
        {
            _logger.CallbackFailed(error);
        }
    }
}
