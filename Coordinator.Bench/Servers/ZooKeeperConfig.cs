namespace Coordinator.Bench.Servers;

/// <summary>The zoo.cfg and JVM command line every ZooKeeper member we start shares (benchmarks and tests).</summary>
public static class ZooKeeperConfig
{
    /// <summary>
    /// Shipped defaults except: loopback only, no per-IP connection cap (the watch fan-out opens 1,000
    /// sessions from one address), the given four-letter words (srvr for the startup probe), no admin HTTP server.
    /// </summary>
    public static string Write(string directory, string dataDir, int clientPort, IEnumerable<string> extraLines,
        string fourLetterWords = "srvr")
    {
        var lines = new List<string>
        {
            "tickTime=2000",
            $"dataDir={dataDir}",
            $"clientPort={clientPort}",
            "clientPortAddress=127.0.0.1",
            "maxClientCnxns=0",
            $"4lw.commands.whitelist={fourLetterWords}",
            "admin.enableServer=false",
        };
        lines.AddRange(extraLines);
        var file = Path.Combine(directory, "zoo.cfg");
        File.WriteAllLines(file, lines);
        return file;
    }

    /// <summary>Starts java straight on Debian's jar (no wrapper script), so the process id is the server's own.</summary>
    public static ServerProcess StartJvm(string name, string mainClass, string configFile, string workingDirectory,
        IReadOnlyList<string>? jvmOptions = null) =>
        ServerProcess.Start(name, "java", [.. jvmOptions ?? [], "-cp", ZooKeeperInstallation.Jar, mainClass, configFile], workingDirectory);
}
