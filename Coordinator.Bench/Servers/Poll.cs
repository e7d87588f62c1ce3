namespace Coordinator.Bench.Servers;

/// <summary>
/// Waiting on a foreign process (a JVM, a member in another process): it offers no event to await, so its
/// state is asked again every <c>interval</c> until it holds or a deadline passes.
/// </summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> describeFailure, TimeSpan deadline, TimeSpan interval)
    {
        var giveUpAt = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUpAt)
                throw new TimeoutException($"Not reached within {deadline}: {describeFailure()}");
            await Task.Delay(interval);
        }
    }
}
