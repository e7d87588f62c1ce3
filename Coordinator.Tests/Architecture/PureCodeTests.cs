using System.Text.RegularExpressions;

namespace Coordinator.Tests.Architecture;

/// <summary>
/// The protocol logic (data tree, txns, request prep, reads, watch tables, ACLs, jute records) must stay
/// deterministic: same inputs, same outputs, on every member and in every simulation run. So its
/// source may not read a clock, start tasks or threads, touch files or sockets, use a shared random
/// source, or lean on the actor kernel. This scans those folders for the APIs that would break that.
/// </summary>
public sealed partial class PureCodeTests
{
    private static readonly string[] PureFolders =
    [
        "Coordinator.Actors/Tree",
        "Coordinator.Actors/Txns",
        "Coordinator.Actors/Prep",
        "Coordinator.Actors/Reads",
        "Coordinator.Actors/Watches",
        "Coordinator.Actors/Auth",
        "Coordinator.Actors/Zab/Core",
        "Coordinator.Actors/Zab/Wire",
        "Coordinator.Protocol/Jute",
        "Coordinator.Protocol/Records",
    ];

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)|\bStopwatch\b|\bEnvironment\.TickCount|\bTask\b|\bThread\b|\bThreadPool\b|\basync\b|\bawait\b|\bTimer\b|\bFile\.|\bDirectory\.|\bFileStream\b|\bSocket\b|\bNetworkStream\b|\bRandom\.Shared\b|\bnew Random\(\)|\bGuid\.NewGuid\b|\bCoordinator\.Runtime\b|\bConsole\.")]
    private static partial Regex Impure();

    [Fact]
    public void Pure_folders_use_no_clock_task_thread_io_or_shared_randomness()
    {
        var root = RepositoryRoot();
        var offences = new List<string>();
        foreach (var folder in PureFolders)
        {
            var directory = Path.Combine(root, folder);
            Assert.True(Directory.Exists(directory), $"pure folder {folder} is missing; update this test if it moved");
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    var code = StripComment(lines[i]);
                    if (Impure().Match(code) is { Success: true } match)
                        offences.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {match.Value}");
                }
            }
        }
        Assert.True(offences.Count == 0, "Impure API in pure code:\n" + string.Join('\n', offences));
    }

    private static string StripComment(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordinator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Coordinator.sln not found above " + AppContext.BaseDirectory);
    }
}
