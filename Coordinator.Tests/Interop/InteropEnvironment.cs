namespace Coordinator.Tests.Interop;

/// <summary>
/// Where the external tools the interop tests drive live. They are installed by <c>.ci/install-deps</c>;
/// when something is missing the tests fail with a message that says so instead of skipping.
/// </summary>
public static class InteropEnvironment
{
    /// <summary>Debian's zookeeper package (3.8.0): the CLI script.</summary>
    public const string ZkCliScript = "/usr/share/zookeeper/bin/zkCli.sh";

    /// <summary>Debian's libzookeeper-java: the server/client jar; its manifest Class-Path pulls in the rest.</summary>
    public const string ZooKeeperJar = "/usr/share/java/zookeeper.jar";

    private const string InstallHint = "Run `.ci/install-deps` (as root) from the repository root first.";

    /// <summary>The folder holding Coordinator.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The committed node-zookeeper-client scripts (package.json, *.js).</summary>
    public static string NodeScriptsDirectory => Path.Combine(RepositoryRoot, "Coordinator.Tests", "Interop", "node");

    public static void RequireZooKeeper()
    {
        foreach (var file in new[] { ZkCliScript, ZooKeeperJar })
        {
            if (!File.Exists(file))
                throw new InteropDependencyMissingException($"Apache ZooKeeper 3.8 is not installed ({file} not found). {InstallHint}");
        }
    }

    public static void RequireNodeClient()
    {
        var package = Path.Combine(NodeScriptsDirectory, "node_modules", "node-zookeeper-client", "package.json");
        if (!File.Exists(package))
            throw new InteropDependencyMissingException($"node-zookeeper-client is not installed ({package} not found). {InstallHint}");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordinator.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Coordinator.sln above {AppContext.BaseDirectory}; the interop tests run from a repository checkout.");
    }
}

/// <summary>An external tool the interop tests need is not installed.</summary>
public sealed class InteropDependencyMissingException(string message) : Exception(message);
