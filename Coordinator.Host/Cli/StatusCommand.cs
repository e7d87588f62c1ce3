using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Coordinator.Actors.Settings;
using Coordinator.Client.Admin;
using Coordinator.Host.Configuration;
using Coordinator.Runtime.Configuration;

namespace Coordinator.Host.Cli;

/// <summary>
/// <c>coordinator status</c>: each member's mode, epoch, last zxid and client count, read with the
/// srvr four-letter word, so it works against any ZooKeeper-compatible member.
/// </summary>
internal static class StatusCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var servers = new Option<string>("--server")
        {
            Description = "The members to ask, comma-separated",
            HelpName = "HOST:PORT[,HOST:PORT...]",
            DefaultValueFactory = _ => ServerOption.DefaultServer,
        };
        var config = new Option<string>("--config")
        {
            Description = "Ask every member of the ensemble this HOCON file lists (instead of --server)",
            HelpName = "FILE",
        };
        var command = new Command("status", "Show each member's mode, epoch, last zxid and client count (via the srvr four-letter word).")
        {
            servers, config,
        };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            string targets;
            try
            {
                targets = result.GetValue(config) is { } file ? MembersOf(file) : result.GetValue(servers)!;
            }
            catch (ConfigurationException e)
            {
                error.WriteLine($"coordinator status: invalid configuration: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
            return Run(targets, result.InvocationConfiguration.Output, error);
        });
        return command;
    }

    /// <summary>The client address of every member the file lists (the single member itself when standalone).</summary>
    private static string MembersOf(string file)
    {
        var settings = CoordinatorSettings.From(ConfigLoader.Load(file, new Dictionary<string, string>()));
        return settings.Ensemble.IsStandalone
            ? $"127.0.0.1:{settings.Member.ClientPort}"
            : string.Join(",", settings.Ensemble.Members.Select(m => $"{m.Host}:{m.ClientPort}"));
    }

    private static int Run(string servers, TextWriter output, TextWriter error)
    {
        var rows = new List<string[]> { new[] { "MEMBER", "MODE", "EPOCH", "LAST ZXID", "CLIENTS", "ZNODES" } };
        var unreachable = 0;
        foreach (var server in servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var answer = Ask(server, "srvr");
                if (answer.Contains("not currently serving", StringComparison.Ordinal))
                {
                    rows.Add([server, "not serving", "-", "-", "-", "-"]);
                    continue;
                }
                var report = SrvrReport.Parse(answer);
                rows.Add([server, report.Mode, (report.Zxid >> 32).ToString(CultureInfo.InvariantCulture),
                    "0x" + report.Zxid.ToString("x", CultureInfo.InvariantCulture),
                    report.Connections.ToString(CultureInfo.InvariantCulture), report.NodeCount.ToString(CultureInfo.InvariantCulture)]);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or FormatException or ArgumentException)
            {
                unreachable++;
                error.WriteLine($"coordinator status: {server}: {e.Message}");
                rows.Add([server, "unreachable", "-", "-", "-", "-"]);
            }
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        return unreachable == 0 ? ExitCodes.Ok : ExitCodes.UsageOrConfiguration;
    }

    private static string Ask(string server, string word)
    {
        var colon = server.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(server[(colon + 1)..], CultureInfo.InvariantCulture, out var port))
            throw new ArgumentException($"'{server}' is not HOST:PORT");
        return FourLetterWordClient.AskAsync(server[..colon], port, word, Timeout).GetAwaiter().GetResult();
    }
}

/// <summary>The fields of a srvr answer that status shows.</summary>
internal sealed record SrvrReport(string Mode, long Zxid, int Connections, int NodeCount)
{
    public static SrvrReport Parse(string text)
    {
        var fields = text.Split('\n')
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(group => group.Key, group => group.First()[1].Trim());
        string Field(string name) => fields.TryGetValue(name, out var value)
            ? value
            : throw new FormatException($"the srvr answer has no '{name}' line: {text.Trim()}");
        return new SrvrReport(
            FourLetterWordClient.ModeOf(text) ?? throw new FormatException($"the srvr answer has no 'Mode' line: {text.Trim()}"),
            long.Parse(Field("Zxid").Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            int.Parse(Field("Connections"), CultureInfo.InvariantCulture),
            int.Parse(Field("Node count"), CultureInfo.InvariantCulture));
    }
}
