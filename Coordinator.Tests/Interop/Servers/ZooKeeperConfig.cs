using System.Net;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>Writes the zoo.cfg every test server shares: loopback only, all 4lw on, no admin server.</summary>
internal static class ZooKeeperConfig
{
    public static string Write(string directory, string dataDir, IPEndPoint client, IEnumerable<string> extraLines)
    {
        var lines = new List<string>
        {
            "tickTime=2000",
            $"dataDir={dataDir}",
            $"clientPort={client.Port}",
            $"clientPortAddress={client.Address}",
            "4lw.commands.whitelist=*",
            "admin.enableServer=false",
        };
        lines.AddRange(extraLines);
        var file = Path.Combine(directory, "zoo.cfg");
        File.WriteAllLines(file, lines);
        return file;
    }

    public static string CreateTempRoot(string purpose) =>
        Directory.CreateTempSubdirectory($"coordinator-{purpose}-").FullName;
}
