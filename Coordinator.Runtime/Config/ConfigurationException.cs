namespace Coordinator.Runtime.Configuration;

/// <summary>A configuration value is missing, has the wrong type, or cannot be resolved.</summary>
public class ConfigurationException(string message) : Exception(message);

/// <summary>
/// The text of a configuration source is not valid HOCON. The message starts with
/// <c>source:line:column:</c> so an operator can jump to the spot.
/// </summary>
public sealed class HoconParseException(SourcePosition position, string problem)
    : ConfigurationException($"{position}: {problem}")
{
    public SourcePosition Position { get; } = position;

    public string Problem { get; } = problem;
}
