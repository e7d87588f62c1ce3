using Coordinator.Protocol;

namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>
/// Produces histories a correct ensemble could produce, for testing the checker at scale: every write takes
/// effect at a point inside its interval in one global order, and every read answers from a prefix of that
/// order no older than what its client already saw on that path. Clients are sequential; intervals of
/// different clients overlap, so the checker sees real concurrency.
/// </summary>
internal static class ZooKeeperHistoryGenerator
{
    public static Operation<ZkInput, ZkOutput>[] Generate(Random random, int operations, int clients, int paths, bool deletes = true)
    {
        var statesOf = Enumerable.Range(0, paths).Select(_ => new List<ZNodeState> { ZNodeState.Absent }).ToArray();
        var floor = new int[clients, paths];
        var lastReturn = Enumerable.Repeat(-1L, clients).ToArray();
        var history = new Operation<ZkInput, ZkOutput>[operations];

        for (var k = 0; k < operations; k++)
        {
            // Points are 4 apart and intervals reach at most 3 past them, so every client is idle at each point.
            var point = 10 + 4L * k;
            var client = random.Next(clients);
            var call = Math.Max(lastReturn[client] + 1, point - random.Next(0, 8));
            var ret = point + random.Next(0, 4);
            lastReturn[client] = ret;

            var p = random.Next(paths);
            var path = $"/node{p}";
            var states = statesOf[p];
            ZkInput input;
            ZkOutput output;
            if (random.Next(2) == 0)
            {
                var seen = random.Next(floor[client, p], states.Count);
                input = random.Next(3) == 0 ? new ZkExists(path) : new ZkGetData(path);
                output = ZNodeModel.Apply(states[seen], input).Output;
                floor[client, p] = seen;
            }
            else
            {
                input = RandomWrite(random, path, states[^1], deletes, k);
                (output, var next) = ZNodeModel.Apply(states[^1], input);
                states.Add(next);
                floor[client, p] = states.Count - 1;
            }
            history[k] = Op.Done(client, call, input, ret, output);
        }
        return history;
    }

    private static ZkInput RandomWrite(Random random, string path, ZNodeState current, bool deletes, int k)
    {
        var data = $"d{k}";
        if (!current.Exists || random.Next(20) == 0)
            return new ZkCreate(path, data);
        if (deletes && random.Next(10) == 0)
            return new ZkDelete(path, random.Next(2) == 0 ? -1 : current.Version);
        return random.Next(3) switch
        {
            0 => new ZkSetData(path, data),
            1 => new ZkSetData(path, data, current.Version),
            _ => new ZkSetData(path, data, current.Version - 1),
        };
    }
}
