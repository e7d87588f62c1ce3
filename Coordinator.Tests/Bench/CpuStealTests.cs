using Coordinator.Bench.Servers;

namespace Coordinator.Tests.Bench;

public sealed class CpuStealTests
{
    [Fact]
    public void Steal_is_the_share_of_all_cpu_time_between_two_readings()
    {
        Assert.Equal(5.0, CpuTimes.StealPercent(new CpuTimes(Total: 1_000, Steal: 10), new CpuTimes(Total: 2_000, Steal: 60)));
        Assert.Equal(0, CpuTimes.StealPercent(new CpuTimes(500, 5), new CpuTimes(500, 5)));
    }

    [Fact]
    public void The_machine_counters_are_read_and_only_grow()
    {
        var first = CpuTimes.Read();
        var second = CpuTimes.Read();

        Assert.True(first.Total > 0, "no CPU time read from /proc/stat");
        Assert.True(second.Total >= first.Total && second.Steal >= first.Steal);
    }
}
