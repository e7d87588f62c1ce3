using Coordinator.Actors.Settings;
using System.Text;
using Coordinator.Runtime.Configuration;

namespace Coordinator.Host.Configuration;

/// <summary>
/// Builds the effective configuration, highest priority first: command-line overrides, then
/// <c>--config FILE</c> (or the embedded standalone.conf), then the embedded reference.conf.
/// </summary>
public static class ConfigLoader
{
    public const string ReferenceName = "reference.conf";
    public const string StandaloneName = "standalone.conf";
    public const string EnsembleExampleName = "ensemble-3.conf";

    /// <summary>The file names of the configurations embedded in the executable.</summary>
    public static IReadOnlyList<string> EmbeddedNames { get; } = [ReferenceName, StandaloneName, EnsembleExampleName];

    /// <summary>Every default, with comments; the fallback under any other configuration.</summary>
    public static Config Reference => LoadEmbedded(ReferenceName);

    /// <param name="configFile">A HOCON file on disk, or null for the embedded standalone.conf.</param>
    /// <param name="overrides">Paths and values from the command line; values are taken as strings, which every getter accepts.</param>
    /// <param name="environment">Source for <c>${?NAME}</c>; the process environment if null.</param>
    /// <returns>The merged configuration with every substitution already resolved.</returns>
    /// <exception cref="ConfigurationException">The file cannot be read, parsed or resolved.</exception>
    public static Config Load(
        string? configFile,
        IEnumerable<KeyValuePair<string, string>> overrides,
        Func<string, string?>? environment = null)
    {
        var chosen = configFile is null ? LoadEmbedded(StandaloneName) : Config.ParseFile(configFile);
        var config = OverridesConfig(overrides).WithFallback(chosen).WithFallback(Reference);
        return (environment is null ? config : config.WithEnvironment(environment)).Resolve();
    }

    /// <summary>Parses one of <see cref="EmbeddedNames"/>.</summary>
    public static Config LoadEmbedded(string name)
    {
        var resource = $"hocon/{name}";
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(resource)
            ?? throw new ConfigurationException($"no embedded configuration '{resource}'");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Config.ParseString(reader.ReadToEnd(), $"embedded:{resource}");
    }

    // Each value is written as a quoted HOCON string, so nothing typed on a command line can inject structure.
    private static Config OverridesConfig(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var text = new StringBuilder();
        foreach (var (path, value) in overrides)
            text.Append(path).Append(" = ").Append(Quote(value)).Append('\n');
        return Config.ParseString(text.ToString(), "command line");
    }

    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
