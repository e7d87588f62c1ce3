using System.Net;
using Coordinator.Bench.Servers;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// Waiting for external server processes to come up or re-elect: there is no event to await from a
/// foreign JVM, so the harness asks <c>srvr</c> until a deadline. Tests themselves never poll.
/// </summary>
internal static class StartupPoll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The member's <c>Mode:</c> word (standalone, leader, follower...), or null while it does not serve.</summary>
    public static Task<string?> ModeAsync(IPEndPoint client) => ServingProbe.ModeAsync(client.Port);

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
