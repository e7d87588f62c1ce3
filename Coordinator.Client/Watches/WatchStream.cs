using System.Threading.Channels;
using Coordinator.Protocol;

namespace Coordinator.Client.Watches;

/// <summary>
/// The events of one persistent watch as an async stream. The watch is already set on the server when
/// the stream is handed out, so no change after that is missed. Disposing removes the watch; the stream
/// ends when the session closes and throws <see cref="Api.SessionExpiredException"/> when it expires.
/// </summary>
public sealed class WatchStream : IAsyncEnumerable<WatchedEvent>, IAsyncDisposable
{
    private readonly Channel<WatchedEvent> _events = Channel.CreateUnbounded<WatchedEvent>();
    private readonly Func<WatchStream, ValueTask> _remove;
    private int _disposed;

    internal WatchStream(string path, AddWatchMode mode, Func<WatchStream, ValueTask> remove)
    {
        Path = path;
        Mode = mode;
        _remove = remove;
        Callback = e => _events.Writer.TryWrite(e);
    }

    public string Path { get; }

    public AddWatchMode Mode { get; }

    internal Action<WatchedEvent> Callback { get; }

    internal void Complete(Exception? error = null) => _events.Writer.TryComplete(error);

    public IAsyncEnumerator<WatchedEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Complete();
        await _remove(this).ConfigureAwait(false);
    }
}
