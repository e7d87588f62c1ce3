namespace Coordinator.Tests.Tree;

/// <summary>
/// The tree, txns, watches, auth and prep are pure: no clock, no I/O, no tasks or threads, no shared
/// randomness. This scans their sources so an accidental dependency fails the build's tests.
/// </summary>
public sealed class PureCoreSourceTests
{
    private static readonly string[] PureFolders = ["Tree", "Txns", "Watches", "Auth", "Prep"];

    private static readonly string[] Banned =
    [
        "DateTime.", "DateTimeOffset.", "Stopwatch", "Environment.TickCount", "Task", "Thread", "async ", "await ",
        "File.", "Directory.", "Socket", "Random", "Coordinator.Runtime", "Console.",
    ];

    [Fact]
    public void Pure_core_sources_use_no_clock_io_tasks_threads_or_randomness()
    {
        var actors = Path.Combine(RepositoryRoot(), "Coordinator.Actors");
        var offences =
            from folder in PureFolders
            from file in Directory.EnumerateFiles(Path.Combine(actors, folder), "*.cs", SearchOption.AllDirectories)
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            from banned in Banned
            where line.text.Contains(banned, StringComparison.Ordinal)
            select $"{Path.GetRelativePath(actors, file)}:{line.number} uses {banned}";

        Assert.Empty(offences);
    }

    [Fact]
    public void Every_pure_folder_exists_and_has_sources()
    {
        var actors = Path.Combine(RepositoryRoot(), "Coordinator.Actors");

        Assert.All(PureFolders, folder => Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(actors, folder), "*.cs")));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordinator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Coordinator.sln not found above " + AppContext.BaseDirectory);
    }
}
