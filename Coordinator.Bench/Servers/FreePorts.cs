using System.Net;
using System.Net.Sockets;

namespace Coordinator.Bench.Servers;

/// <summary>
/// Loopback ports nobody listens on, for servers started later. They are picked below the kernel's ephemeral range:
/// a port the kernel hands out for "port 0" can be given to any outgoing connection (other tests' clients) before
/// the server that was meant to get it binds it. All are held until every one is picked, so they are distinct.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;

    public static IReadOnlyList<int> Allocate(int count)
    {
        var highest = EphemeralRangeStart() - 1;
        var listeners = new List<TcpListener>(count);
        try
        {
            while (listeners.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(Lowest, highest + 1));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    // Taken: try another.
                }
            }
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }

    /// <summary>Linux's net.ipv4.ip_local_port_range start (32768 by default).</summary>
    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            && start > Lowest + 1_000
            ? start
            : 32_768;
    }
}
