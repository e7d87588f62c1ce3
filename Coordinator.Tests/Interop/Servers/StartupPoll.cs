using System.Net;
using System.Net.Sockets;
using Coordinator.Tests.Interop.Clients;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// Waiting for external server processes to come up or re-elect: there is no event to await from a
/// foreign JVM, so the harness asks <c>srvr</c> until a deadline. Tests themselves never poll.
/// </summary>
internal static class StartupPoll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The member's <c>Mode:</c> word (standalone, leader, follower...), or null while it does not serve.</summary>
    public static async Task<string?> ModeAsync(IPEndPoint client)
    {
        try
        {
            var srvr = await FourLetterWord.SendAsync(client.Address.ToString(), client.Port, "srvr", TimeSpan.FromSeconds(2));
            var line = srvr.Split('\n').FirstOrDefault(l => l.StartsWith("Mode: ", StringComparison.Ordinal));
            return line?["Mode: ".Length..];
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return null; // not listening yet, or closed on us while starting
        }
    }

    /// <summary>Re-evaluates <paramref name="condition"/> every 50 ms until it holds or the deadline passes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> describeFailure)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not reached within {Deadline}: {describeFailure()}");
            await Task.Delay(50);
        }
    }
}
