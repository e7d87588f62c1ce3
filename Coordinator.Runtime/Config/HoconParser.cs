namespace Coordinator.Runtime.Configuration;

/// <summary>
/// Builds the unresolved tree from tokens. Includes are read here (relative to the including file);
/// substitutions are left in the tree for <see cref="HoconResolver"/>.
/// </summary>
internal sealed class HoconParser
{
    private readonly List<HoconToken> _tokens;
    private readonly string _includeDirectory;
    private readonly IReadOnlyList<string> _includeChain;
    private int _next;

    private HoconParser(List<HoconToken> tokens, string includeDirectory, IReadOnlyList<string> includeChain)
    {
        _tokens = tokens;
        _includeDirectory = includeDirectory;
        _includeChain = includeChain;
    }

    /// <param name="includeDirectory">Where relative <c>include</c> paths point.</param>
    /// <param name="includeChain">Full paths of the files being included, to reject include cycles.</param>
    public static HoconObject Parse(string text, string source, string includeDirectory, IReadOnlyList<string> includeChain) =>
        new HoconParser(HoconLexer.Tokenize(text, source), includeDirectory, includeChain).ParseRoot();

    /// <summary>Reads and parses a file; its includes are relative to its own folder.</summary>
    public static HoconObject ParseFile(string path, IReadOnlyList<string> includeChain)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read configuration file '{fullPath}': {e.Message}");
        }

        return Parse(text, fullPath, Path.GetDirectoryName(fullPath)!, [.. includeChain, fullPath]);
    }

    private HoconObject ParseRoot()
    {
        SkipNewlines();
        HoconObject root;
        if (Peek.Kind == HoconTokenKind.OpenBrace)
        {
            root = ParseBracedObject();
            SkipNewlines();
        }
        else
        {
            root = new HoconObject(Peek.Position);
            ParseFields(root, HoconTokenKind.End);
        }

        Expect(HoconTokenKind.End, "end of input");
        return root;
    }

    private HoconObject ParseBracedObject()
    {
        var open = Take();
        var body = new HoconObject(open.Position);
        ParseFields(body, HoconTokenKind.CloseBrace);
        Expect(HoconTokenKind.CloseBrace, "'}'");
        return body;
    }

    /// <summary>Fields until <paramref name="terminator"/> (left unconsumed), separated by commas or newlines.</summary>
    private void ParseFields(HoconObject target, HoconTokenKind terminator)
    {
        while (true)
        {
            SkipNewlines();
            if (Peek.Kind == terminator)
                return;
            if (Peek.Kind == HoconTokenKind.End)
                throw Error(Peek, $"expected a key or '}}' but found {Peek.Describe()}");

            ParseField(target);

            var separator = Peek;
            if (separator.Kind == HoconTokenKind.CloseBrace && terminator == HoconTokenKind.End)
                throw Error(separator, "unexpected '}': no object is open");
            if (separator.Kind == HoconTokenKind.Comma)
                Take();
            else if (separator.Kind != HoconTokenKind.Newline && separator.Kind != terminator)
                throw Error(separator, $"expected ',' or a new line after a field but found {separator.Describe()}");
        }
    }

    private void ParseField(HoconObject target)
    {
        if (Peek is { Kind: HoconTokenKind.Unquoted, Text: "include" } && IsIncludeTarget(PeekAt(1)))
        {
            Take();
            ParseInclude(target);
            return;
        }

        var key = ParseKey();
        HoconValue value;
        if (Peek.Kind == HoconTokenKind.OpenBrace)
        {
            value = ParseBracedObject();
        }
        else if (Peek.Kind == HoconTokenKind.Separator)
        {
            Take();
            SkipNewlines();
            value = ParseValue();
        }
        else
        {
            throw Error(Peek, $"expected '=', ':' or '{{' after key '{key}' but found {Peek.Describe()}");
        }

        target.MergeAt(key.Segments, value);
    }

    private ConfigPath ParseKey()
    {
        var first = Peek;
        if (first.Kind is not (HoconTokenKind.Unquoted or HoconTokenKind.QuotedString))
            throw Error(first, $"expected a key but found {first.Describe()}");

        var parts = new List<HoconToken> { Take() };
        while (Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.QuotedString && !Peek.SpaceBefore)
            parts.Add(Take());
        if (Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.QuotedString)
            throw Error(Peek, "keys must not contain spaces; quote the key");
        return ConfigPath.FromTokens(parts, first.Position);
    }

    private static bool IsIncludeTarget(HoconToken token) =>
        token.Kind == HoconTokenKind.QuotedString || token is { Kind: HoconTokenKind.Unquoted, Text: "required" or "file" };

    /// <summary><c>include "f"</c> (ignored if absent), <c>include file("f")</c>, <c>include required("f")</c>, <c>include required(file("f"))</c>.</summary>
    private void ParseInclude(HoconObject target)
    {
        var start = Peek;
        var required = false;
        var wrappers = 0;
        while (Peek.Kind == HoconTokenKind.Unquoted)
        {
            var wrapper = Take();
            if (wrapper.Text == "required" && !required)
                required = true;
            else if (wrapper.Text != "file")
                throw Error(wrapper, $"unknown include form '{wrapper.Text}'; use \"file\", file(\"file\") or required(\"file\")");
            Expect(HoconTokenKind.OpenParen, "'('");
            wrappers++;
        }

        var name = Expect(HoconTokenKind.QuotedString, "a quoted file name");
        for (var i = 0; i < wrappers; i++)
            Expect(HoconTokenKind.CloseParen, "')'");

        var path = Path.GetFullPath(Path.Combine(_includeDirectory, name.Text));
        if (_includeChain.Contains(path))
            throw Error(start, $"include cycle: '{path}' includes itself");
        if (!File.Exists(path))
        {
            if (required)
                throw Error(name, $"required include '{path}' does not exist");
            return;
        }

        var included = ParseFile(path, _includeChain);
        foreach (var key in included.Keys)
            target.Merge(key, included[key]!);
    }

    private HoconValue ParseValue()
    {
        var first = Peek;
        switch (first.Kind)
        {
            case HoconTokenKind.OpenBrace:
                return ParseBracedObject();
            case HoconTokenKind.OpenBracket:
                return ParseArray();
            case HoconTokenKind.QuotedString or HoconTokenKind.Unquoted or HoconTokenKind.Substitution:
                return ParseSimpleValues();
            default:
                throw Error(first, $"expected a value but found {first.Describe()}");
        }
    }

    /// <summary>
    /// Quoted, unquoted and substitution tokens side by side on one line form one value; a run of
    /// whitespace between two of them becomes a single space.
    /// </summary>
    private HoconValue ParseSimpleValues()
    {
        var parts = new List<HoconValue> { ToValue(Take()) };
        while (Peek.IsSimpleValue)
        {
            var token = Take();
            if (token.SpaceBefore)
                parts.Add(new HoconScalar(" ", quoted: true, token.Position));
            parts.Add(ToValue(token));
        }

        if (Peek.Kind is HoconTokenKind.OpenBrace or HoconTokenKind.OpenBracket)
            throw Error(Peek, "concatenating objects or lists with other values is not supported");
        return parts.Count == 1 ? parts[0] : new HoconConcatenation(parts, parts[0].Position);
    }

    private static HoconValue ToValue(HoconToken token) => token.Kind switch
    {
        HoconTokenKind.Substitution => new HoconSubstitution(ConfigPath.Parse(token.Text, token.Position), token.Optional, token.Position),
        HoconTokenKind.QuotedString => new HoconScalar(token.Text, quoted: true, token.Position),
        _ => new HoconScalar(token.Text, quoted: false, token.Position),
    };

    private HoconArray ParseArray()
    {
        var open = Take();
        var items = new List<HoconValue>();
        while (true)
        {
            SkipNewlines();
            if (Peek.Kind == HoconTokenKind.CloseBracket)
                break;
            items.Add(ParseValue());
            SkipNewlines();
            if (Peek.Kind == HoconTokenKind.Comma)
                Take();
            else if (Peek.Kind != HoconTokenKind.CloseBracket && _tokens[_next - 1].Kind != HoconTokenKind.Newline)
                throw Error(Peek, $"expected ',' or ']' in a list but found {Peek.Describe()}");
        }

        Take();
        return new HoconArray(items, open.Position);
    }

    private HoconToken Expect(HoconTokenKind kind, string what)
    {
        if (Peek.Kind != kind)
            throw Error(Peek, $"expected {what} but found {Peek.Describe()}");
        return Take();
    }

    private void SkipNewlines()
    {
        while (Peek.Kind == HoconTokenKind.Newline)
            _next++;
    }

    private HoconToken Peek => _tokens[_next];

    private HoconToken PeekAt(int offset) => _tokens[Math.Min(_next + offset, _tokens.Count - 1)];

    private HoconToken Take() => _tokens[_next++];

    private static HoconParseException Error(HoconToken at, string problem) => new(at.Position, problem);
}
