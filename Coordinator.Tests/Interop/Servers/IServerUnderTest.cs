using System.Net;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// A running ZooKeeper-compatible service the interop tests talk to. Each test class is written once
/// against this interface and gets one sealed subclass per implementation (Apache ZooKeeper today,
/// Coordinator next), so both must satisfy the same assertions.
/// </summary>
public interface IServerUnderTest
{
    /// <summary>Which implementation this is, e.g. "ApacheZooKeeper"; shows up in failure messages.</summary>
    string Kind { get; }

    /// <summary>The client port of every member, all on loopback.</summary>
    IReadOnlyList<IPEndPoint> ClientEndpoints { get; }

    /// <summary>Stops every member; data written before stays on disk.</summary>
    Task StopAsync();

    /// <summary>Starts the members again on the same ports and data, returning once they serve clients.</summary>
    Task StartAsync();
}

public static class ServerUnderTestExtensions
{
    /// <summary>The "host:port,host:port" form every ZooKeeper client takes.</summary>
    public static string ConnectString(this IServerUnderTest server) =>
        string.Join(',', server.ClientEndpoints.Select(e => $"{e.Address}:{e.Port}"));
}
