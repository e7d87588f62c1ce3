using System.Diagnostics;

namespace Coordinator.Bench.Servers;

/// <summary>
/// Debian's Apache ZooKeeper 3.8 (package <c>zookeeper</c>, jars from libzookeeper-java). Installed on
/// demand so one command runs the comparison on a fresh machine; <c>zookeeperd</c> (a service on 2181)
/// is deliberately not installed.
/// </summary>
public static class ZooKeeperInstallation
{
    public const string Jar = "/usr/share/java/zookeeper.jar";

    public static void EnsureInstalled(TextWriter log)
    {
        if (File.Exists(Jar)) return;
        log.WriteLine($"{Jar} is missing: installing Debian's zookeeper package (needs root)...");
        if (Run("apt-get", "install", "-y", "--no-install-recommends", "zookeeper") != 0
            && (Run("apt-get", "update") != 0 || Run("apt-get", "install", "-y", "--no-install-recommends", "zookeeper") != 0))
            throw new InvalidOperationException("apt-get could not install zookeeper; run `apt-get install zookeeper` as root and try again.");
        if (!File.Exists(Jar))
            throw new InvalidOperationException($"zookeeper is installed but {Jar} is still missing.");
    }

    private static int Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        process.WaitForExit();
        return process.ExitCode;
    }
}
