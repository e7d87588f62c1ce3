using System.Globalization;
using Coordinator.Protocol;

namespace Coordinator.Host.Shell;

/// <summary>A Stat as zkCli prints it: one <c>name = value</c> line per field, zxids and the owner in hex, times in UTC.</summary>
public static class StatText
{
    public static IEnumerable<string> Format(Stat stat) =>
    [
        $"cZxid = {Hex(stat.Czxid)}",
        $"ctime = {Time(stat.Ctime)}",
        $"mZxid = {Hex(stat.Mzxid)}",
        $"mtime = {Time(stat.Mtime)}",
        $"pZxid = {Hex(stat.Pzxid)}",
        $"cversion = {stat.Cversion}",
        $"dataVersion = {stat.Version}",
        $"aclVersion = {stat.Aversion}",
        $"ephemeralOwner = {Hex(stat.EphemeralOwner)}",
        $"dataLength = {stat.DataLength}",
        $"numChildren = {stat.NumChildren}",
    ];

    private static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Java's Date.toString layout (zkCli's), e.g. <c>Sun Nov 22 00:35:32 UTC 2026</c>.</summary>
    private static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime
            .ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
