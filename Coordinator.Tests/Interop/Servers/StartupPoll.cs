using Coordinator.Bench.Servers;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// Waiting for servers to come up or re-elect, in the harness only (tests themselves never poll): the
/// Bench <see cref="Poll"/> with the test suite's deadline.
/// </summary>
internal static class StartupPoll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Re-evaluates <paramref name="condition"/> every 50 ms until it holds or the deadline passes.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, Func<string> describeFailure) =>
        Poll.UntilAsync(condition, describeFailure, Deadline, TimeSpan.FromMilliseconds(50));
}
