using Coordinator.Tests.Simulation.Checkers;

namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>The shape of one simulated deployment.</summary>
internal sealed record SimConfig(int Voters, int Observers = 0, int Clients = 4, int Steps = 4000, InjectedBug Bug = InjectedBug.None);

/// <summary>What one seed did: counts for the test's summary line; history, final digest and trace to compare replays.</summary>
internal sealed record SimOutcome(
    int Seed,
    int Operations,
    int PendingOperations,
    int Committed,
    long Steps,
    ulong FinalDigest,
    IReadOnlyList<Operation<ZkInput, ZkOutput>> History,
    SimTrace Trace,
    SimCoverage Coverage);

/// <summary>
/// One seed of the whole-ensemble simulation: clients work while the seed injects faults (crashes, also between a
/// journal append and its flush; restarts from the journal; lost messages as broken connections; delayed links;
/// minority, majority and isolated-leader partitions; flapping partitions; log snapshots), with every safety
/// invariant checked after every step. Then everything heals, the ensemble must settle with all members equal,
/// and the client history must pass <see cref="ZooKeeperHistoryChecker"/>.
/// </summary>
internal sealed class SimulationRun
{
    private readonly int _seed;
    private readonly SimConfig _config;
    private readonly SimEnsemble _ensemble;
    private readonly SimClients _clients;
    private long _flappingUntil;

    public SimulationRun(int seed, SimConfig config)
    {
        _seed = seed;
        _config = config;
        _ensemble = new SimEnsemble(seed, config.Voters, config.Observers, config.Bug);
        _clients = new SimClients(_ensemble, config.Clients);
        _faultsPerMille = _ensemble.Random.Next(4) switch { 0 => 15, 1 => 38, 2 => 76, _ => 150 };
    }

    /// <summary>Runs the seed; throws <see cref="SimulationFailure"/> (with the trace's tail) when a check fails.</summary>
    public SimOutcome Execute()
    {
        try
        {
            _ensemble.StartAll();
            for (var i = 0; i < _config.Steps; i++) RunStep();
            Settle();
            var digest = CheckConverged();
            var history = CheckHistory();
            return new SimOutcome(_seed, _clients.Count, _clients.Pending, _ensemble.CommittedCount, _ensemble.Steps, digest, history, _ensemble.Trace, _ensemble.Coverage);
        }
        catch (Exception e)
        {
            var members = string.Join('\n', _ensemble.Members.Select(m => "  " + m));
            var events = string.Join('\n', _ensemble.Trace.Last().Select(line => "  " + line));
            throw new SimulationFailure($"{e.Message}\nMembers:\n{members}\nLast events:\n{events}", e);
        }
    }

    /// <summary>Faults per 1000 steps; each seed draws its own, from a calm run to a stormy one.</summary>
    private readonly int _faultsPerMille;

    private void RunStep()
    {
        var random = _ensemble.Random;
        if (_flappingUntil > _ensemble.Steps && random.Next(30) == 0) Flap();
        if (random.Next(1000) < _faultsPerMille)
        {
            InjectFault();
            return;
        }
        if (random.Next(100) < 16) _clients.Act();
        else _ensemble.RunStep();
    }

    private void InjectFault()
    {
        var random = _ensemble.Random;
        switch (random.Next(38))
        {
            case < 3: Crash(); break;
            case < 10: Restart(); break;
            case < 16: CutRandomLink(); break;
            case < 20: StallRandomLink(); break;
            case < 24: Partition(); break;
            case < 30: _ensemble.Heal(); break;
            case < 32: _flappingUntil = _ensemble.Steps + random.Next(200, 600); break;
            default: _ensemble.TakeSnapshot(RandomMember()); break;
        }
    }

    private long RandomMember() => _ensemble.Members[_ensemble.Random.Next(_ensemble.Members.Count)].Id;

    private void Crash() => _ensemble.Crash(RandomMember());

    private void Restart()
    {
        var down = _ensemble.Members.Where(m => !m.IsAlive).ToList();
        if (down.Count > 0) _ensemble.Start(down[_ensemble.Random.Next(down.Count)].Id);
    }

    private void CutRandomLink()
    {
        var a = RandomMember();
        var b = RandomMember();
        if (a != b) _ensemble.CutLink(a, b);
    }

    private void StallRandomLink()
    {
        var a = RandomMember();
        var b = RandomMember();
        if (a != b) _ensemble.Stall(a, b, _ensemble.Random.Next(10, 300));
    }

    /// <summary>A minority cut off, the leader isolated, or the leader on the minority side (the majority elects anew).</summary>
    private void Partition()
    {
        var random = _ensemble.Random;
        var ids = _ensemble.Members.Select(m => m.Id).OrderBy(_ => random.Next()).ToList();
        var minority = (_ensemble.VoterCount - 1) / 2;
        var leader = _ensemble.Members.FirstOrDefault(m => m.IsServingLeader)?.Id;
        var side = random.Next(3) switch
        {
            0 when leader is { } l => [l],
            1 when leader is { } l => ids.Where(id => id != l).Take(random.Next(0, minority)).Append(l).ToList(),
            _ => ids.Take(random.Next(1, minority + 1)).ToList(),
        };
        _ensemble.Partition(side);
    }

    private void Flap()
    {
        if (_ensemble.Random.Next(2) == 0) Partition();
        else _ensemble.Heal();
    }

    /// <summary>Heals everything, restarts every member, and runs until one leader serves everyone and all applied its log.</summary>
    private void Settle()
    {
        _flappingUntil = 0;
        _ensemble.Heal();
        _ensemble.StartAll();
        if (!_ensemble.RunUntil(_ensemble.IsSettled, maxSteps: 200_000))
            throw new SimulationFailure("Liveness: the healed ensemble did not settle on one leader with every member caught up");
    }

    private ulong CheckConverged()
    {
        var leader = _ensemble.StableLeader()!;
        var digest = leader.Tree.Digest();
        foreach (var member in _ensemble.Members)
        {
            if (member.Applied != leader.Applied || member.Tree.Digest() != digest)
                throw new SimulationFailure($"Convergence: {member} differs from leader {leader}");
        }
        return digest;
    }

    private IReadOnlyList<Operation<ZkInput, ZkOutput>> CheckHistory()
    {
        var history = _clients.ResolvedHistory();
        var result = ZooKeeperHistoryChecker.Check(history);
        if (!result.IsConsistent)
            throw new SimulationFailure($"Client history: {result}");
        return history;
    }
}
