using System.Net;

namespace Coordinator.Client.Connection;

/// <summary>
/// A parsed "host:port,host:port/optional/chroot". Ports default to 2181; a chroot of "/" means none.
/// </summary>
public sealed record ConnectionString(IReadOnlyList<DnsEndPoint> Servers, string? Chroot)
{
    public const int DefaultPort = 2181;

    /// <exception cref="ArgumentException">No server, a bad port, or a chroot that is not a valid absolute path.</exception>
    public static ConnectionString Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var slash = value.IndexOf('/');
        var hostPart = slash < 0 ? value : value[..slash];
        var chroot = slash < 0 ? null : NormalizeChroot(value[slash..]);
        var servers = hostPart.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseServer)
            .ToArray();
        if (servers.Length == 0)
            throw new ArgumentException($"The connection string '{value}' names no server.", nameof(value));
        return new ConnectionString(servers, chroot);
    }

    private static DnsEndPoint ParseServer(string server)
    {
        var colon = server.LastIndexOf(':');
        if (colon < 0 || server.EndsWith(']'))
            return new DnsEndPoint(server.Trim('[', ']'), DefaultPort);
        var host = server[..colon].Trim('[', ']');
        if (!int.TryParse(server[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"'{server}' does not end in a valid port.");
        return new DnsEndPoint(host, port);
    }

    private static string? NormalizeChroot(string chroot)
    {
        if (chroot == "/")
            return null;
        if (chroot.EndsWith('/') || chroot.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"The chroot '{chroot}' is not a valid absolute path.");
        return chroot;
    }
}
