using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// The I/O edge of one peer connection after its hello: a read loop that cuts frames with <see cref="PeerCodec"/>
/// from one buffered reader and tells them to the network actor, and a write loop that encodes every batch queued
/// at that moment into one buffer and writes it with one socket write. The network actor never touches the socket.
/// </summary>
internal sealed class PeerConnection
{
    /// <summary>A write loop stops draining the queue once a buffer holds this much, to bound its memory.</summary>
    private const int MaxWriteBytes = 1024 * 1024;

    private const int ReadSegmentBytes = 64 * 1024;

    /// <summary>How long a connection closed after sending waits for the peer to close its side before closing anyway.</summary>
    private static readonly TimeSpan PeerClosingGrace = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly IClock _clock;
    private readonly ILogger _log;
    private readonly LinkResources _resources;
    private readonly Channel<IReadOnlyList<PeerMessage>> _outgoing =
        System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<PeerMessage>>(new UnboundedChannelOptions { SingleReader = true });
    private IActorRef? _network;
    private long _writes;
    private long _framesSent;
    private long _heartbeatsReceived;
    private long _framesReceived;
    private long _lastReceivedTicks;
    private long _lastSentTicks;
    private int _closed;
    private volatile string? _closeAfterSendingReason;
    private Task _readLoop = Task.CompletedTask;

    public PeerConnection(Socket socket, long peer, PeerChannel channel, IClock clock, ILogger log, LinkResources resources)
    {
        _resources = resources;
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Peer = peer;
        Channel = channel;
        _clock = clock;
        _log = log;
    }

    public long Peer { get; }

    public PeerChannel Channel { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public long Writes => Interlocked.Read(ref _writes);

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long HeartbeatsReceived => Interlocked.Read(ref _heartbeatsReceived);

    /// <summary>True once any frame (heartbeats included) arrived: the peer accepted this connection.</summary>
    public bool ReceivedAny => Interlocked.Read(ref _framesReceived) > 0;

    public TimeSpan LastReceived => TimeSpan.FromTicks(Interlocked.Read(ref _lastReceivedTicks));

    public TimeSpan LastSent => TimeSpan.FromTicks(Interlocked.Read(ref _lastSentTicks));

    /// <summary>Frames and the close go to <paramref name="network"/> as <see cref="PeerNetwork.FramesReceived"/> and <see cref="PeerNetwork.ConnectionLost"/>.</summary>
    public void Start(IActorRef network)
    {
        _network = network;
        var now = _clock.Elapsed.Ticks;
        Interlocked.Exchange(ref _lastReceivedTicks, now);
        Interlocked.Exchange(ref _lastSentTicks, now);
        _readLoop = Task.Run(ReadLoop);
        Completion = Task.WhenAll(_readLoop, Task.Run(WriteLoop));
        _resources.Track(Completion);
    }

    /// <summary>Queues messages to go out together, in order.</summary>
    public void Enqueue(IReadOnlyList<PeerMessage> batch) => _outgoing.Writer.TryWrite(batch);

    /// <summary>Writes what is queued, then closes with <paramref name="reason"/>; nothing more may be queued.</summary>
    public void CloseAfterSending(string reason)
    {
        _closeAfterSendingReason = reason;
        _outgoing.Writer.TryComplete();
    }

    /// <summary>Closes the socket; what is still queued is lost. The first caller's reason is reported, once.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        _outgoing.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }
        _socket.Dispose();
        _resources.Remove(this);
        _network?.Tell(new PeerNetwork.ConnectionLost(this, reason));
    }

    private async Task ReadLoop()
    {
        // Segments well above a 4 KiB txn keep most frames in one segment, so they decode without a copy.
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: ReadSegmentBytes));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                Interlocked.Exchange(ref _lastReceivedTicks, _clock.Elapsed.Ticks);
                List<PeerMessage>? messages = null; // most reads of an idle link carry heartbeats only
                while (TryCutFrame(ref buffer, out var message))
                {
                    Interlocked.Increment(ref _framesReceived);
                    if (message is LinkHeartbeat) Interlocked.Increment(ref _heartbeatsReceived);
                    else (messages ??= []).Add(message);
                }
                if (messages is not null) _network!.Tell(new PeerNetwork.FramesReceived(this, messages));
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    Close(buffer.IsEmpty ? "the peer closed the connection" : "the peer closed the connection mid-frame");
                    return;
                }
            }
        }
        catch (PeerFrameException error)
        {
            _log.LogWarning("Malformed frame from member {Peer} on the {Channel} link; closing it: {Reason}", Peer, Channel, error.Message);
            Close("malformed frame: " + error.Message);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Close(error.Message);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool TryCutFrame(ref ReadOnlySequence<byte> buffer, out PeerMessage message)
    {
        message = null!;
        Span<byte> header = stackalloc byte[PeerCodec.HeaderBytes];
        if (buffer.Length < header.Length) return false;
        buffer.Slice(0, header.Length).CopyTo(header);
        if (!PeerCodec.TryGetFrameLength(header, out var length) || buffer.Length < length) return false;
        var frame = buffer.Slice(0, length);
        message = frame.IsSingleSegment ? PeerCodec.Decode(frame.FirstSpan) : DecodeAcrossSegments(frame, length);
        buffer = buffer.Slice(length);
        return true;
    }

    /// <summary>A frame split between read segments is gathered in a pooled array: decoding copies what it keeps.</summary>
    private static PeerMessage DecodeAcrossSegments(ReadOnlySequence<byte> frame, int length)
    {
        var gathered = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(gathered);
            return PeerCodec.Decode(gathered.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }

    private async Task WriteLoop()
    {
        var queue = _outgoing.Reader;
        var output = new FrameBuffer(64 * 1024);
        try
        {
            while (await queue.WaitToReadAsync())
            {
                output.Clear();
                var frames = 0;
                while (output.Length < MaxWriteBytes && queue.TryRead(out var batch))
                {
                    foreach (var message in batch) PeerCodec.Encode(message, output);
                    frames += batch.Count;
                }
                await _stream.WriteAsync(output.Written);
                Interlocked.Increment(ref _writes);
                Interlocked.Add(ref _framesSent, frames);
                Interlocked.Exchange(ref _lastSentTicks, _clock.Elapsed.Ticks);
            }
            if (_closeAfterSendingReason is not null)
            {
                // Half-close and let the peer close its side: closing at once, with the peer's heartbeats still unread,
                // makes the kernel reset the connection, and a reset can discard what the peer has not yet read.
                _socket.Shutdown(SocketShutdown.Send);
                await Task.WhenAny(_readLoop, Task.Delay(PeerClosingGrace));
            }
            Close(_closeAfterSendingReason ?? "closed");
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Close(error.Message);
        }
        catch (ArgumentException error)
        {
            _log.LogError(error, "Cannot encode a message for member {Peer}; closing the {Channel} link", Peer, Channel);
            Close("unencodable message: " + error.Message);
        }
    }
}
