using Coordinator.Actors.Settings;
using Coordinator.Actors.Zab.Core;

namespace Coordinator.Actors.Zab.Peer;

/// <summary>
/// Turns the ensemble settings into the core's configuration. The core counts time in Zab ticks, finer than
/// ZooKeeper's tick-time: init and sync limits keep their meaning (that many tick-times), while elections
/// resend every few Zab ticks and finalize after one, close to ZooKeeper's 200 ms finalize wait at the default
/// 2 s tick-time.
/// </summary>
public static class ZabTiming
{
    /// <summary>Zab ticks per tick-time.</summary>
    public const int TicksPerTickTime = 10;

    public static TimeSpan ZabTick(MemberSettings member) => member.TickTime / TicksPerTickTime;

    public static ZabConfig ConfigOf(EnsembleSettings ensemble, int myId) =>
        new(myId,
            ensemble.Members.Where(m => m.Role == MemberRole.Participant).Select(m => (long)m.Id).ToList(),
            ensemble.Members.Where(m => m.Role == MemberRole.Observer).Select(m => (long)m.Id).ToList())
        {
            ElectionTimeoutTicks = 5,
            FinalizeWaitTicks = 1,
            InitLimitTicks = ensemble.InitLimitTicks * TicksPerTickTime,
            SyncLimitTicks = ensemble.SyncLimitTicks * TicksPerTickTime,
            PingIntervalTicks = TicksPerTickTime / 2,
        };
}
