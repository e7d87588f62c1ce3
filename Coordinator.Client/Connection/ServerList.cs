using System.Net;

namespace Coordinator.Client.Connection;

/// <summary>
/// The members to try, in an order shuffled once so clients spread over the ensemble; each
/// <see cref="Next"/> moves on to the following member, wrapping around.
/// </summary>
internal sealed class ServerList
{
    private readonly DnsEndPoint[] _servers;
    private int _next;

    public ServerList(IReadOnlyList<DnsEndPoint> servers, Random random)
    {
        _servers = servers.ToArray();
        random.Shuffle(_servers);
    }

    public int Count => _servers.Length;

    /// <summary>The member to try now, and whether the list has just wrapped (every member was tried).</summary>
    public (DnsEndPoint Server, bool Wrapped) Next()
    {
        var server = _servers[_next];
        _next = (_next + 1) % _servers.Length;
        return (server, _next == 0);
    }
}
