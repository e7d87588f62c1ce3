namespace Coordinator.Bench.Servers;

/// <summary>One member of a loopback ensemble: its id (ZooKeeper's myid), its three ports, and whether it votes.</summary>
public sealed record EnsembleMember(int Id, int ClientPort, int QuorumPort, int ElectionPort, bool IsObserver)
{
    /// <summary>Lays out <paramref name="participants"/> voting members (ids 1..n) followed by <paramref name="observers"/>, on free loopback ports.</summary>
    public static IReadOnlyList<EnsembleMember> Allocate(int participants, int observers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(observers);
        var count = participants + observers;
        var ports = FreePorts.Allocate(3 * count);
        return Enumerable.Range(0, count)
            .Select(i => new EnsembleMember(i + 1, ports[3 * i], ports[3 * i + 1], ports[3 * i + 2], IsObserver: i >= participants))
            .ToArray();
    }
}

/// <summary>
/// How one server kind runs a member of a loopback ensemble: it writes whatever configuration the member
/// needs under its own folder and starts the process. <see cref="LocalEnsemble"/> does the rest.
/// </summary>
public interface IMemberLauncher
{
    /// <summary>The implementation, e.g. "Coordinator" or "ZooKeeper".</summary>
    string Server { get; }

    /// <summary>
    /// Starts <paramref name="member"/> of <paramref name="members"/>; its data lives under
    /// <paramref name="memberDirectory"/>, which persists across restarts of the member.
    /// </summary>
    ServerProcess Start(IReadOnlyList<EnsembleMember> members, EnsembleMember member, string memberDirectory);
}
