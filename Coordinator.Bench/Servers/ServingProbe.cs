using System.Net.Sockets;
using Coordinator.Client.Admin;

namespace Coordinator.Bench.Servers;

/// <summary>
/// Asks a member's <c>srvr</c> four-letter word for its mode; startup is polled until a deadline.
/// </summary>
public static class ServingProbe
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The <c>Mode:</c> word (standalone, leader, follower), or null while the port does not answer.</summary>
    public static async Task<string?> ModeAsync(int port)
    {
        try
        {
            return FourLetterWordClient.ModeOf(await FourLetterWordClient.AskAsync("127.0.0.1", port, "srvr", TimeSpan.FromSeconds(2)));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return null; // not listening yet, or closed on us while starting
        }
    }

    /// <summary>Returns once every port reports one of <paramref name="modes"/>; fails if a process exits first.</summary>
    public static Task WaitUntilServingAsync(IReadOnlyList<(ServerProcess Process, int Port)> members, params string[] modes)
    {
        string?[] current = [];
        return Poll.UntilAsync(
            async () =>
            {
                foreach (var (process, port) in members)
                    process.ThrowIfExited($"while starting on port {port}");
                current = await Task.WhenAll(members.Select(m => ModeAsync(m.Port)));
                return current.All(mode => mode is not null && modes.Contains(mode));
            },
            () => $"serving as {string.Join('/', modes)} (modes: {string.Join(", ", current.Select(m => m ?? "none"))})\n"
                + string.Join("\n", members.Select(m => m.Process.Console)),
            Deadline, TimeSpan.FromMilliseconds(100));
    }
}
