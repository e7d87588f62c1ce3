namespace Coordinator.Runtime.Configuration;

/// <summary>A node of the HOCON tree, as parsed (may hold substitutions) or resolved (does not).</summary>
internal abstract class HoconValue(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>Names the kind of value in "expected X but was Y" messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>A string, number, boolean or null, kept as its text; typed getters interpret it.</summary>
internal sealed class HoconScalar(string text, bool quoted, SourcePosition position) : HoconValue(position)
{
    public string Text { get; } = text;

    /// <summary>Quoted text is always a string: <c>"null"</c> is not null.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Text == "null";

    public override string KindName => IsNull ? "null" : "a scalar";
}

internal sealed class HoconArray(IReadOnlyList<HoconValue> items, SourcePosition position) : HoconValue(position)
{
    public IReadOnlyList<HoconValue> Items { get; } = items;

    public override string KindName => "a list";
}

/// <summary><c>${path}</c> or <c>${?path}</c>, replaced by the value at <see cref="Path"/> once everything is merged.</summary>
/// <param name="fallback">
/// What an optional substitution leaves in place when its path and environment variable are both
/// absent: the value it overrode (<c>port = 1</c> then <c>port = ${?PORT}</c> keeps 1).
/// </param>
internal sealed class HoconSubstitution(ConfigPath path, bool optional, SourcePosition position, HoconValue? fallback = null)
    : HoconValue(position)
{
    public ConfigPath Path { get; } = path;

    public bool Optional { get; } = optional;

    public HoconValue? Fallback { get; } = fallback;

    public HoconSubstitution WithFallback(HoconValue? fallback) => new(Path, Optional, Position, fallback);

    public override string KindName => "a substitution";
}

/// <summary>Simple values written side by side on one line (<c>${dir}/journal</c>, <c>foo bar</c>); resolves to one string.</summary>
internal sealed class HoconConcatenation(IReadOnlyList<HoconValue> parts, SourcePosition position) : HoconValue(position)
{
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    public override string KindName => "a concatenation";
}

/// <summary>An object: fields in the order they were first defined.</summary>
internal sealed class HoconObject(SourcePosition position) : HoconValue(position)
{
    private readonly Dictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> Keys => _order;

    public override string KindName => "an object";

    public HoconValue? this[string key] => _fields.GetValueOrDefault(key);

    /// <summary>Defines <paramref name="key"/>, merging with an earlier definition (see <see cref="HoconMerge"/>).</summary>
    public void Merge(string key, HoconValue value)
    {
        if (_fields.TryGetValue(key, out var earlier))
        {
            _fields[key] = HoconMerge.Combine(earlier, value);
            return;
        }

        _fields[key] = value;
        _order.Add(key);
    }

    /// <summary>Defines <paramref name="value"/> at a dotted path, creating the objects along the way.</summary>
    public void MergeAt(IReadOnlyList<string> path, HoconValue value, int from = 0)
    {
        if (from == path.Count - 1)
        {
            Merge(path[from], value);
            return;
        }

        var child = new HoconObject(value.Position);
        child.MergeAt(path, value, from + 1);
        Merge(path[from], child);
    }

    /// <summary>Sets a field without merging; for building resolved trees.</summary>
    public void Set(string key, HoconValue value)
    {
        if (!_fields.ContainsKey(key))
            _order.Add(key);
        _fields[key] = value;
    }
}
