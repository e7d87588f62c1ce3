using System.Net.Sockets;
using System.Text;

namespace Coordinator.Client.Admin;

/// <summary>
/// ZooKeeper's four-letter-word admin commands (ruok, srvr, mntr...): the 4 ASCII bytes are the whole
/// request on a fresh connection; the member answers with plain text and closes.
/// </summary>
public static class FourLetterWordClient
{
    public static async Task<string> AskAsync(string host, int port, string word, TimeSpan timeout)
    {
        if (word.Length != 4)
            throw new ArgumentException($"A four-letter word has four letters, not '{word}'.", nameof(word));
        using var deadline = new CancellationTokenSource(timeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port, deadline.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), deadline.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(deadline.Token);
    }

    /// <summary>The <c>Mode:</c> word of a srvr answer (standalone, leader, follower...), or null if it has none.</summary>
    public static string? ModeOf(string srvrAnswer) =>
        srvrAnswer.Split('\n').FirstOrDefault(l => l.StartsWith("Mode: ", StringComparison.Ordinal))?["Mode: ".Length..].Trim();
}
