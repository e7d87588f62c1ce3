namespace Coordinator.Tests.Simulation.Checkers;

/// <summary>A fixed-size bitset of operation ids, the "linearized so far" half of the search's memo key.</summary>
internal sealed class OpSet
{
    private readonly ulong[] _words;

    public OpSet(int capacity) => _words = new ulong[(capacity + 63) / 64];

    private OpSet(ulong[] words) => _words = words;

    public void Add(int id) => _words[id >> 6] |= 1UL << (id & 63);

    public void Remove(int id) => _words[id >> 6] &= ~(1UL << (id & 63));

    public OpSet Snapshot() => new((ulong[])_words.Clone());

    public bool SameAs(OpSet other) => _words.AsSpan().SequenceEqual(other._words);

    public int Hash()
    {
        var hash = new HashCode();
        foreach (var word in _words)
            hash.Add(word);
        return hash.ToHashCode();
    }
}

/// <summary>Remembers which (linearized set, state) pairs the search has already expanded.</summary>
internal sealed class SearchMemo<TState>
{
    private readonly HashSet<Key> _seen;

    public SearchMemo(IEqualityComparer<TState> states) => _seen = new HashSet<Key>(new KeyComparer(states));

    /// <summary>Records the pair; false when it was seen before (that subtree already failed).</summary>
    public bool TryAdd(OpSet linearized, TState state, IEqualityComparer<TState> states)
    {
        var probe = new Key(linearized, state, HashCode.Combine(linearized.Hash(), states.GetHashCode(state!)));
        if (_seen.Contains(probe))
            return false;
        // Only a new entry pays for a copy of the set; the probe shares the live one the search keeps mutating.
        _seen.Add(probe with { Linearized = linearized.Snapshot() });
        return true;
    }

    private readonly record struct Key(OpSet Linearized, TState State, int Hash);

    private sealed class KeyComparer(IEqualityComparer<TState> states) : IEqualityComparer<Key>
    {
        public bool Equals(Key a, Key b) => a.Hash == b.Hash && states.Equals(a.State, b.State) && a.Linearized.SameAs(b.Linearized);

        public int GetHashCode(Key key) => key.Hash;
    }
}
