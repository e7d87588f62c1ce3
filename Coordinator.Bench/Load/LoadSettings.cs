namespace Coordinator.Bench.Load;

/// <summary>The knobs every workload reads.</summary>
/// <param name="Sessions">Client sessions (one TCP connection each) driving the request workloads.</param>
/// <param name="InFlight">Requests outstanding at once per session (pipelined on its connection).</param>
/// <param name="ValueSize">Bytes of data per create/setData/getData node where the workload does not fix it.</param>
/// <param name="Duration">How long results are recorded.</param>
/// <param name="Warmup">How long the load runs before recording starts (JIT, connection set-up, caches).</param>
/// <param name="Watchers">Sessions watching the one node in the watch fan-out.</param>
public sealed record LoadSettings(int Sessions, int InFlight, int ValueSize, TimeSpan Duration, TimeSpan Warmup, int Watchers)
{
    public static LoadSettings Default { get; } = new(8, 32, 100, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(2), 1000);

    /// <summary>Session timeout the benchmark's clients ask for: long enough that a stalled server is an error, not an expiry.</summary>
    public static TimeSpan SessionTimeout { get; } = TimeSpan.FromSeconds(30);
}
