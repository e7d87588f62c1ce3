namespace Coordinator.Runtime.Configuration;

/// <summary>Where a token starts: source name (file path or a label), 1-based line and column.</summary>
public readonly record struct SourcePosition(string Source, int Line, int Column)
{
    public override string ToString() => $"{Source}:{Line}:{Column}";
}
