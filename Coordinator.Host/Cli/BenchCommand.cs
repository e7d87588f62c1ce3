using System.CommandLine;
using System.Diagnostics;

namespace Coordinator.Host.Cli;

/// <summary>
/// <c>coordinator bench [compare|failover|kernel] [options]</c>: runs the comparison with Apache ZooKeeper
/// (Coordinator.Bench) from the source tree this executable was built in, in Release, passing every
/// option through and returning its exit code. The benchmark starts this executable as one of the servers
/// it measures (it references Coordinator.Host to find it), so the verb runs it as a child process instead
/// of referencing it back.
/// </summary>
public static class BenchCommand
{
    private static readonly string[] Verbs = ["compare", "failover", "kernel"];

    public static Command Create()
    {
        var command = new Command("bench",
            "Compare with Apache ZooKeeper: runs Coordinator.Bench from this source tree (compare by default, or failover, kernel); options pass through.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            if (BenchProjectFrom(AppContext.BaseDirectory) is not { } project)
            {
                error.WriteLine($"coordinator bench: no Coordinator.Bench project above {AppContext.BaseDirectory}; "
                    + "the benchmark runs from a clone of the source tree");
                return ExitCodes.BenchmarkUnavailable;
            }
            using var child = Process.Start(new ProcessStartInfo("dotnet", DotnetRunArguments(project, result.UnmatchedTokens)))!;
            child.WaitForExit();
            return child.ExitCode;
        });
        return command;
    }

    /// <summary>The Coordinator.Bench project file of the source tree <paramref name="directory"/> lies in, if any.</summary>
    public static string? BenchProjectFrom(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var project = Path.Combine(folder.FullName, "Coordinator.Bench", "Coordinator.Bench.csproj");
            if (File.Exists(project)) return project;
        }
        return null;
    }

    /// <summary><c>dotnet run</c> of the benchmark in Release with the verb (compare unless one is given) and the options.</summary>
    public static IReadOnlyList<string> DotnetRunArguments(string project, IReadOnlyList<string> arguments)
    {
        var verb = arguments.Count > 0 && Verbs.Contains(arguments[0]) ? [] : new[] { "compare" };
        return ["run", "-c", "Release", "--project", project, "--", .. verb, .. arguments];
    }
}
