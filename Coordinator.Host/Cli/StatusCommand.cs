using System.CommandLine;

namespace Coordinator.Host.Cli;

/// <summary><c>coordinator status</c>: a member's mode, zxid and connections, read with the srvr four-letter word.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show a member's mode, zxid and client count (via the srvr four-letter word).")
        {
            ServerOption.Create(),
        };
        command.SetAction(result => NotImplementedYet.Report(result, "status", "the ensemble"));
        return command;
    }
}
