using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Coordinator.Protocol.Framing;
using Coordinator.Runtime.Actors;

namespace Coordinator.Actors.ClientPort;

/// <summary>
/// The I/O edge of one client connection: a read loop that cuts frames and tells them to the owning
/// actor, and a write loop that sends queued frames in order, flushing once per burst. The actor never
/// touches the socket itself.
/// </summary>
public sealed class ClientSocket
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    // Frames queued while a send was under way leave together in one gathered send (one syscall, no
    // copy); the cap keeps the vector within what the OS takes in one call.
    private const int MaxFramesPerSend = 64;

    public ClientSocket(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: false);
        var remote = socket.RemoteEndPoint as IPEndPoint;
        RemoteAddress = remote?.Address.ToString() ?? "unknown";
        RemoteEndPoint = remote?.ToString() ?? "unknown";
    }

    /// <summary>The peer's IP address, the identity of the <c>ip</c> ACL scheme.</summary>
    public string RemoteAddress { get; }

    public string RemoteEndPoint { get; }

    /// <summary>A four-letter word arrived instead of a handshake; no frames follow.</summary>
    public sealed record FourLetterWordReceived(FourLetterWord Word);

    public sealed record FrameReceived(Frame Frame);

    /// <summary>The read side ended: clean close, reset, oversized frame or garbage.</summary>
    public sealed record Closed(string Reason);

    public void Start(IActorRef owner, int maxFrameSize)
    {
        _ = Task.Run(() => ReadLoop(owner, maxFrameSize));
        _ = Task.Run(WriteLoop);
    }

    /// <summary>Queues one whole frame (or four-letter-word text).</summary>
    public void Send(byte[] bytes) => _outgoing.Writer.TryWrite(bytes);

    /// <summary>Sends what is queued, then closes. Safe to call more than once.</summary>
    public void Close() => _outgoing.Writer.TryComplete();

    private async Task ReadLoop(IActorRef owner, int maxFrameSize)
    {
        var frames = new FrameReader(PipeReader.Create(_stream), maxFrameSize);
        try
        {
            if (await frames.TryReadFourLetterWordAsync() is { } word)
            {
                owner.Tell(new FourLetterWordReceived(word));
                return;
            }
            while (await frames.ReadFrameAsync() is { } frame)
                owner.Tell(new FrameReceived(frame));
            owner.Tell(new Closed("client closed the connection"));
        }
        catch (Exception error) when (error is FrameException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            owner.Tell(new Closed(error.Message));
        }
    }

    /// <summary>Sends every byte of <paramref name="frames"/>, resuming after a partial send.</summary>
    private async Task SendAllAsync(List<ArraySegment<byte>> frames)
    {
        var remaining = frames.Sum(f => (long)f.Count);
        while (remaining > 0)
        {
            var sent = await _socket.SendAsync(frames, SocketFlags.None);
            if (sent <= 0) throw new IOException("the connection accepted no bytes");
            remaining -= sent;
            if (remaining > 0) DropSent(frames, sent);
        }
    }

    private static void DropSent(List<ArraySegment<byte>> frames, int sent)
    {
        while (sent > 0 && sent >= frames[0].Count)
        {
            sent -= frames[0].Count;
            frames.RemoveAt(0);
        }
        if (sent > 0) frames[0] = frames[0][sent..];
    }

    private async Task WriteLoop()
    {
        var queue = _outgoing.Reader;
        var burst = new List<ArraySegment<byte>>(MaxFramesPerSend);
        try
        {
            while (await queue.WaitToReadAsync())
            {
                while (burst.Count < MaxFramesPerSend && queue.TryRead(out var frame))
                    burst.Add(frame);
                await SendAllAsync(burst);
                burst.Clear();
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer went away; the read loop reports the close.
        }
        finally
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already reset by the peer.
            }
            _socket.Dispose();
        }
    }
}
