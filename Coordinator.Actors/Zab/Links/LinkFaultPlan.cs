using Coordinator.Actors.Zab.Wire;

namespace Coordinator.Actors.Zab.Links;

/// <summary>
/// A thread-safe fault script shared by the networks of a test ensemble: symmetric partitions that last until
/// healed, and one-shot rules that fault the next outgoing messages matching a predicate.
/// </summary>
public sealed class LinkFaultPlan : ILinkFaults
{
    private readonly Lock _lock = new();
    private readonly HashSet<(long, long)> _partitions = [];
    private readonly List<Rule> _rules = [];
    private int _applied;

    /// <summary>Describes one outgoing message for rule predicates.</summary>
    public readonly record struct OutgoingSend(long From, long To, PeerChannel Channel, PeerMessage Message);

    private sealed class Rule(Func<OutgoingSend, bool> matches, LinkFault fault, int times)
    {
        public Func<OutgoingSend, bool> Matches { get; } = matches;
        public LinkFault Fault { get; } = fault;
        public int Left { get; set; } = times;
    }

    /// <summary>How many messages the rules have faulted so far.</summary>
    public int Applied
    {
        get
        {
            lock (_lock) return _applied;
        }
    }

    /// <summary>Faults the next <paramref name="times"/> outgoing messages that match.</summary>
    public void Add(Func<OutgoingSend, bool> matches, LinkFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_lock) _rules.Add(new Rule(matches, fault, times));
    }

    public void Partition(long a, long b)
    {
        lock (_lock) _partitions.Add(Pair(a, b));
    }

    public void Heal(long a, long b)
    {
        lock (_lock) _partitions.Remove(Pair(a, b));
    }

    public LinkFault OnSend(long from, long to, PeerChannel channel, PeerMessage message)
    {
        var send = new OutgoingSend(from, to, channel, message);
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if (!rule.Matches(send)) continue;
                if (--rule.Left == 0) _rules.Remove(rule);
                _applied++;
                return rule.Fault;
            }
            return LinkFault.None;
        }
    }

    public bool IsPartitioned(long a, long b)
    {
        lock (_lock) return _partitions.Contains(Pair(a, b));
    }

    private static (long, long) Pair(long a, long b) => a < b ? (a, b) : (b, a);
}
