using System.CommandLine;

namespace Coordinator.Host.Cli;

/// <summary><c>coordinator shell</c>: a zkCli-like shell against any ZooKeeper-compatible server.</summary>
internal static class ShellCommand
{
    public static Command Create()
    {
        var command = new Command("shell", "Interactive shell like zkCli (ls, get, set, create, delete, stat, ...).")
        {
            new Option<string>("-c", "--command") { Description = "Run one command and exit", HelpName = "CMD" },
            ServerOption.Create(),
        };
        command.SetAction(result => NotImplementedYet.Report(result, "shell", "the .NET client and shell"));
        return command;
    }
}
