using System.CommandLine;

namespace Coordinator.Host.Cli;

/// <summary>The <c>coordinator</c> command line: one sub-command per verb. Testable with any writers.</summary>
public static class CoordinatorCli
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen verb and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Coordinator: a ZooKeeper-compatible coordination service built as an actor system.")
        {
            ServeCommand.Create(),
            ShellCommand.Create(),
            StatusCommand.Create(),
            BenchCommand.Create(),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>What the process exit code means, so scripts can tell a bad configuration from a missing feature.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad command line or bad configuration.</summary>
    public const int UsageOrConfiguration = 1;

    /// <summary>A shell command the server refused or that could not be parsed (shares 1 with usage errors, as zkCli).</summary>
    public const int CommandFailed = 1;

    /// <summary><c>bench</c> found no source tree to run the benchmark from.</summary>
    public const int BenchmarkUnavailable = 2;
}
