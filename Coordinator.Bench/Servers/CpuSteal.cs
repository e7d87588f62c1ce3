using System.Globalization;

namespace Coordinator.Bench.Servers;

/// <summary>
/// The machine's CPU time counters from the first line of <c>/proc/stat</c>. On a virtual machine "steal" is time
/// the hypervisor gave to other guests while this one wanted the CPU: a run with much of it measured a slower
/// machine than its neighbours, which is why every workload's figures carry it.
/// </summary>
public readonly record struct CpuTimes(long Total, long Steal)
{
    /// <summary>The counters now, or zeros where <c>/proc/stat</c> cannot be read.</summary>
    public static CpuTimes Read()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest time is inside user).
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return fields.Length == 8 ? new CpuTimes(fields.Sum(), fields[7]) : default;
        }
        catch (IOException)
        {
            return default;
        }
    }

    /// <summary>Steal as a percentage of all CPU time between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static double StealPercent(CpuTimes start, CpuTimes end) =>
        end.Total > start.Total ? Math.Round(100.0 * (end.Steal - start.Steal) / (end.Total - start.Total), 1) : 0;
}
