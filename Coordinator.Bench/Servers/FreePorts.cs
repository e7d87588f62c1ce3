using System.Net;
using System.Net.Sockets;

namespace Coordinator.Bench.Servers;

/// <summary>Loopback ports nobody listens on, chosen by the OS; all are held until every one is picked, so they are distinct.</summary>
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
