using System.CommandLine;
using Coordinator.Client.Api;
using Coordinator.Host.Shell;

namespace Coordinator.Host.Cli;

/// <summary>
/// <c>coordinator shell</c>: a zkCli-like shell against any ZooKeeper-compatible server. With <c>-c</c> it
/// runs those commands (<c>;</c>-separated, stopping at the first failure); otherwise it reads commands
/// from stdin, with a prompt when stdin is a terminal.
/// </summary>
internal static class ShellCommand
{
    /// <summary>How long to wait for a session; also the session timeout asked for.</summary>
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var commandOption = new Option<string>("-c", "--command") { Description = "Run these commands (separated by ;) and exit", HelpName = "CMD" };
        var server = new Option<string>("--server")
        {
            Description = "The members to talk to, with an optional chroot",
            HelpName = "HOST:PORT[,HOST:PORT...][/CHROOT]",
            DefaultValueFactory = _ => ServerOption.DefaultServer,
        };
        var command = new Command("shell", "Interactive shell like zkCli (ls, get, set, create, delete, stat, ...).")
        {
            commandOption,
            server,
        };
        command.SetAction(result => Run(result.GetValue(server)!, result.GetValue(commandOption),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string server, string? commands, TextWriter output, TextWriter error) =>
        RunAsync(server, commands, output, error).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string server, string? commands, TextWriter output, TextWriter error)
    {
        CoordinatorClient client;
        try
        {
            client = await CoordinatorClient.ConnectAsync(server, SessionTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ArgumentException or FormatException)
        {
            await error.WriteLineAsync($"coordinator shell: cannot connect to {server}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConfiguration;
        }

        await using (client.ConfigureAwait(false))
        {
            var session = new ShellSession(client, server, output, error);
            if (commands is null)
                return await session.RunLinesAsync(Console.In, interactive: !Console.IsInputRedirected).ConfigureAwait(false);
            foreach (var line in ShellTokenizer.SplitCommands(commands))
            {
                if (!await session.ExecuteAsync(line).ConfigureAwait(false))
                    return ExitCodes.CommandFailed;
                if (session.QuitRequested)
                    break;
            }

            return ExitCodes.Ok;
        }
    }
}
