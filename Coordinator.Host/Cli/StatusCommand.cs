using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Coordinator.Client.Admin;

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
        var command = new Command("status", "Show each member's mode, epoch, last zxid and client count (via the srvr four-letter word).")
        {
            servers,
        };
        command.SetAction(result => Run(result.GetValue(servers)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string servers, TextWriter output, TextWriter error)
    {
        var rows = new List<string[]> { new[] { "MEMBER", "MODE", "EPOCH", "LAST ZXID", "CLIENTS", "ZNODES" } };
        var unreachable = 0;
        foreach (var server in servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var report = SrvrReport.Parse(Ask(server, "srvr"));
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
