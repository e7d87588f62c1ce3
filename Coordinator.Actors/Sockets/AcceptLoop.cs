using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Sockets;

/// <summary>The accept loop of a listening port (the client port, the peer ports): the I/O edge where connections arrive.</summary>
internal static class AcceptLoop
{
    /// <summary>
    /// Accepts connections until <paramref name="stop"/> is cancelled and hands each to <paramref name="accepted"/>. A failed
    /// accept is logged and the loop goes on, so one bad connection attempt never closes the port.
    /// </summary>
    public static async Task RunAsync(Socket listener, string port, ILogger log, Action<Socket> accepted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stop);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stop.IsCancellationRequested) return;
                log.LogWarning(error, "Accept on the {Port} port failed; continuing", port);
                continue;
            }
            accepted(socket);
        }
    }
}
