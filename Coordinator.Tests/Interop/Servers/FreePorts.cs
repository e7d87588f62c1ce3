using System.Net;
using System.Net.Sockets;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// Picks loopback ports nobody listens on by letting the OS assign them, so test classes running in
/// parallel never clash. All listeners are held until every port is chosen, so the ports are distinct.
/// </summary>
public static class FreePorts
{
    public static IReadOnlyList<int> Allocate(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }
}
