using System.Text;

namespace Coordinator.Runtime.Configuration;

/// <summary>
/// A path into the tree as its key segments. <c>a.b."c.d"</c> is [a, b, c.d]: dots split unquoted
/// text, quoted text is taken whole.
/// </summary>
internal sealed class ConfigPath
{
    private ConfigPath(IReadOnlyList<string> segments) => Segments = segments;

    public IReadOnlyList<string> Segments { get; }

    public override string ToString() => string.Join('.', Segments.Select(Render));

    /// <summary>Parses a path expression such as a getter argument or the inside of <c>${...}</c>.</summary>
    public static ConfigPath Parse(string expression, SourcePosition position)
    {
        List<HoconToken> tokens;
        try
        {
            tokens = HoconLexer.Tokenize(expression, position.Source);
        }
        catch (HoconParseException)
        {
            throw new HoconParseException(position, $"invalid path '{expression}'");
        }

        var keyTokens = tokens.Where(t => t.Kind != HoconTokenKind.End).ToList();
        if (keyTokens.Count == 0 || keyTokens.Skip(1).Any(t => t.SpaceBefore)
            || keyTokens.Any(t => t.Kind is not (HoconTokenKind.Unquoted or HoconTokenKind.QuotedString)))
            throw new HoconParseException(position, $"invalid path '{expression}'");
        return FromTokens(keyTokens, position);
    }

    /// <summary>Parses a getter's path argument; a bad path is the caller's bug, reported as such.</summary>
    public static ConfigPath ParseArgument(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return Parse(path, new SourcePosition("path argument", 1, 1));
        }
        catch (HoconParseException e)
        {
            throw new ArgumentException(e.Problem, nameof(path));
        }
    }

    /// <summary>Builds a key from adjacent unquoted and quoted tokens.</summary>
    public static ConfigPath FromTokens(IReadOnlyList<HoconToken> tokens, SourcePosition position)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var started = false;

        void Flush()
        {
            if (!started)
                throw new HoconParseException(position, "a key or path has an empty segment (two dots, or a leading or trailing dot)");
            segments.Add(current.ToString());
            current.Clear();
            started = false;
        }

        foreach (var token in tokens)
        {
            if (token.Kind == HoconTokenKind.QuotedString)
            {
                current.Append(token.Text);
                started = true;
                continue;
            }

            foreach (var c in token.Text)
            {
                if (c == '.')
                {
                    Flush();
                }
                else
                {
                    current.Append(c);
                    started = true;
                }
            }
        }

        Flush();
        return new ConfigPath(segments);
    }

    private static string Render(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsLetterOrDigit(c) || c is '-' or '_') ? segment : $"\"{segment}\"";
}
