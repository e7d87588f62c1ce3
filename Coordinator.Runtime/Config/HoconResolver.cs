using System.Text;

namespace Coordinator.Runtime.Configuration;

/// <summary>
/// Replaces every substitution in a fully merged tree. A path is looked up in the whole tree, so
/// forward references and chains work; <c>${?X}</c> falls back to the environment variable X.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<string, HoconValue?> _resolvedPaths = new(StringComparer.Ordinal);
    private readonly List<string> _resolving = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        (HoconObject)new HoconResolver(root, environment).ResolveValue(root)!;

    /// <returns>The resolved value, or null when an optional substitution found nothing (the key is then unset).</returns>
    private HoconValue? ResolveValue(HoconValue value) => value switch
    {
        HoconObject obj => ResolveObject(obj),
        HoconArray array => new HoconArray(array.Items.Select(ResolveValue).OfType<HoconValue>().ToList(), array.Position),
        HoconSubstitution substitution => ResolveSubstitution(substitution),
        HoconConcatenation concatenation => ResolveConcatenation(concatenation),
        _ => value,
    };

    private HoconObject ResolveObject(HoconObject obj)
    {
        var resolved = new HoconObject(obj.Position);
        foreach (var key in obj.Keys)
        {
            if (ResolveValue(obj[key]!) is { } field)
                resolved.Set(key, field);
        }

        return resolved;
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        var path = substitution.Path.ToString();
        if (_resolving.Contains(path))
            throw new ConfigurationException(
                $"{substitution.Position}: substitution cycle: {string.Join(" -> ", _resolving.Append(path).Select(p => $"${{{p}}}"))}");

        if (!_resolvedPaths.TryGetValue(path, out var result))
        {
            _resolving.Add(path);
            result = Lookup(substitution.Path) is { } found ? ResolveValue(found) : null;
            _resolving.RemoveAt(_resolving.Count - 1);
            _resolvedPaths[path] = result;
        }

        if (result is not null)
            return result;
        if (!substitution.Optional)
            throw new ConfigurationException($"{substitution.Position}: could not resolve substitution ${{{path}}}: no such path in the configuration");
        if (_environment(path) is { } fromEnvironment)
            return new HoconScalar(fromEnvironment, quoted: true, substitution.Position);
        return substitution.Fallback is null ? null : ResolveValue(substitution.Fallback);
    }

    /// <summary>Walks the unresolved tree; a substitution on the way is resolved so the walk can continue into it.</summary>
    private HoconValue? Lookup(ConfigPath path)
    {
        HoconValue? current = _root;
        foreach (var segment in path.Segments)
        {
            if (current is HoconSubstitution or HoconConcatenation)
                current = ResolveValue(current);
            if (current is not HoconObject obj)
                return null;
            current = obj[segment];
        }

        return current;
    }

    private HoconScalar ResolveConcatenation(HoconConcatenation concatenation)
    {
        var text = new StringBuilder();
        foreach (var part in concatenation.Parts)
        {
            switch (ResolveValue(part))
            {
                case null:
                    break; // an absent optional substitution contributes nothing to a string
                case HoconScalar scalar:
                    text.Append(scalar.Text);
                    break;
                case var other:
                    throw new ConfigurationException(
                        $"{part.Position}: cannot concatenate {other.KindName} with other values into a string");
            }
        }

        return new HoconScalar(text.ToString(), quoted: true, concatenation.Position);
    }
}
