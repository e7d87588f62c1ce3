using System.Globalization;

namespace Coordinator.Runtime.Configuration;

/// <summary>
/// An immutable HOCON configuration with typed getters. Parsing keeps substitutions; they are
/// resolved against the whole merged tree (this config plus its fallbacks) on the first read, so
/// an override or a fallback may define what a <c>${path}</c> refers to. Every getter throws a
/// <see cref="ConfigurationException"/> naming the full path when the key is missing or has the wrong type.
/// </summary>
public sealed class Config
{
    private static readonly SourcePosition Nowhere = new("empty", 1, 1);

    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly string? _prefix; // full path of this sub-tree, for error messages
    private readonly Lazy<HoconObject> _resolved;

    private Config(HoconObject root, Func<string, string?> environment, string? prefix, bool resolved)
    {
        _root = root;
        _environment = environment;
        _prefix = prefix;
        _resolved = resolved ? new Lazy<HoconObject>(root) : new Lazy<HoconObject>(() => HoconResolver.Resolve(root, environment));
    }

    /// <summary>A config with no keys.</summary>
    public static Config Empty { get; } = new(new HoconObject(Nowhere), Environment.GetEnvironmentVariable, prefix: null, resolved: true);

    /// <summary>Parses HOCON text. <paramref name="sourceName"/> names the source in error messages; includes are relative to the current directory.</summary>
    /// <exception cref="HoconParseException">The text is not valid HOCON (message names source, line and column).</exception>
    public static Config ParseString(string text, string sourceName = "string") =>
        FromRoot(HoconParser.Parse(text, sourceName, Directory.GetCurrentDirectory(), []));

    /// <summary>Parses a HOCON file; its includes are relative to the file's folder.</summary>
    public static Config ParseFile(string path) => FromRoot(HoconParser.ParseFile(path, []));

    private static Config FromRoot(HoconObject root) =>
        new(root, Environment.GetEnvironmentVariable, prefix: null, resolved: false);

    /// <summary>Keys missing here are taken from <paramref name="fallback"/>; objects present in both merge.</summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Config(HoconMerge.MergeObjects(fallback._root, _root), _environment, _prefix, resolved: false);
    }

    /// <summary>
    /// Uses <paramref name="environment"/> instead of the process environment for <c>${?NAME}</c>.
    /// A merged config uses the environment of the config <see cref="WithFallback"/> was called on.
    /// </summary>
    public Config WithEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Config(_root, environment, _prefix, resolved: false);
    }

    /// <summary>Resolves all substitutions now, so a bad one is reported at load time rather than at first use.</summary>
    /// <exception cref="ConfigurationException">A substitution cannot be resolved.</exception>
    public Config Resolve()
    {
        _ = _resolved.Value;
        return this;
    }

    /// <summary>The keys directly under this config's root, in definition order.</summary>
    public IReadOnlyList<string> Keys => _resolved.Value.Keys;

    /// <summary>True if the path exists and is not null.</summary>
    public bool HasPath(string path) => Find(ConfigPath.ParseArgument(path)) is not (null or HoconScalar { IsNull: true });

    public string GetString(string path) => GetScalar(path, "a string").Text;

    public int GetInt(string path) => GetParsed<int>(path, "a 32-bit integer",
        text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null);

    public long GetLong(string path) => GetParsed<long>(path, "a 64-bit integer",
        text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null);

    public double GetDouble(string path) => GetParsed<double>(path, "a number",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);

    /// <summary>Accepts true/false, yes/no and on/off.</summary>
    public bool GetBool(string path) => GetParsed<bool>(path, "a boolean", text => text switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    });

    /// <summary>A duration such as <c>200ms</c>, <c>2s</c>, <c>1m</c>, <c>1h</c>, <c>1d</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => GetParsed<TimeSpan>(path, "a duration (e.g. 200ms, 2s, 1m)",
        text => HoconUnits.TryParseDuration(text, out var v) ? v : null);

    /// <summary>A size in bytes such as <c>512KiB</c>, <c>1MiB</c>, <c>1MB</c> (10^6); a bare number is bytes.</summary>
    public long GetBytes(string path) => GetParsed<long>(path, "a size (e.g. 512KiB, 1MiB, 1000B)",
        text => HoconUnits.TryParseBytes(text, out var v) ? v : null);

    /// <summary>The object at <paramref name="path"/> as a config; its error messages still name full paths.</summary>
    public Config GetConfig(string path)
    {
        var parsed = ConfigPath.ParseArgument(path);
        return Sub(Get<HoconObject>(parsed, "an object"), FullPath(parsed));
    }

    public IReadOnlyList<string> GetStringList(string path)
    {
        var parsed = ConfigPath.ParseArgument(path);
        var list = Get<HoconArray>(parsed, "a list of strings");
        return list.Items
            .Select((item, i) => item is HoconScalar { IsNull: false } scalar
                ? scalar.Text
                : throw WrongType($"{FullPath(parsed)}[{i}]", "a string", item))
            .ToList();
    }

    public IReadOnlyList<Config> GetConfigList(string path)
    {
        var parsed = ConfigPath.ParseArgument(path);
        var list = Get<HoconArray>(parsed, "a list of objects");
        return list.Items
            .Select((item, i) => item is HoconObject obj
                ? Sub(obj, $"{FullPath(parsed)}[{i}]")
                : throw WrongType($"{FullPath(parsed)}[{i}]", "an object", item))
            .ToList();
    }

    /// <summary>
    /// <paramref name="path"/> as seen from the root this config was taken from (a sub-config from
    /// <see cref="GetConfig"/> knows its place), so callers' own validation errors name full paths.
    /// </summary>
    public string FullPathOf(string path) => FullPath(ConfigPath.ParseArgument(path));

    private Config Sub(HoconObject obj, string fullPath) => new(obj, _environment, fullPath, resolved: true);

    private T GetParsed<T>(string path, string expected, Func<string, T?> parse) where T : struct
    {
        var parsed = ConfigPath.ParseArgument(path);
        var scalar = GetScalar(parsed, expected);
        return parse(scalar.Text) ?? throw new ConfigurationException(
            $"{FullPath(parsed)}: expected {expected} but was '{scalar.Text}' ({scalar.Position})");
    }

    private HoconScalar GetScalar(string path, string expected) => GetScalar(ConfigPath.ParseArgument(path), expected);

    private HoconScalar GetScalar(ConfigPath path, string expected)
    {
        var scalar = Get<HoconScalar>(path, expected);
        if (scalar.IsNull)
            throw new ConfigurationException($"{FullPath(path)}: expected {expected} but was null ({scalar.Position})");
        return scalar;
    }

    private T Get<T>(ConfigPath path, string expected) where T : HoconValue => Find(path) switch
    {
        null => throw new ConfigurationException($"{FullPath(path)}: missing required configuration key"),
        T value => value,
        var other => throw WrongType(FullPath(path), expected, other),
    };

    private static ConfigurationException WrongType(string path, string expected, HoconValue actual) =>
        new($"{path}: expected {expected} but was {actual.KindName} ({actual.Position})");

    private HoconValue? Find(ConfigPath path)
    {
        HoconValue? current = _resolved.Value;
        foreach (var segment in path.Segments)
            current = (current as HoconObject)?[segment];
        return current;
    }

    private string FullPath(ConfigPath path) => _prefix is null ? path.ToString() : $"{_prefix}.{path}";
}
