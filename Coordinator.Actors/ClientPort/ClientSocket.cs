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
    private readonly Channel<ReadOnlyMemory<byte>> _outgoing =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });

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
    public void Send(ReadOnlyMemory<byte> bytes) => _outgoing.Writer.TryWrite(bytes);

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

    private async Task WriteLoop()
    {
        var output = PipeWriter.Create(_stream);
        var queue = _outgoing.Reader;
        try
        {
            while (await queue.WaitToReadAsync())
            {
                while (queue.TryRead(out var bytes)) output.Write(bytes.Span);
                var flushed = await output.FlushAsync();
                if (flushed.IsCompleted) break;
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
