namespace Coordinator.Runtime.Configuration;

internal enum HoconTokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Separator,        // '=' or ':'
    Comma,
    Newline,
    QuotedString,
    Unquoted,
    Substitution,     // ${path} or ${?path}; Text holds the path expression
    End,
}

/// <param name="SpaceBefore">
/// Whitespace (not a newline) separated this token from the previous one. Value concatenation keeps
/// that space (<c>foo bar</c> is "foo bar"), and keys must not contain it.
/// </param>
internal sealed record HoconToken(
    HoconTokenKind Kind,
    string Text,
    SourcePosition Position,
    bool SpaceBefore,
    bool Optional = false)
{
    public bool IsSimpleValue =>
        Kind is HoconTokenKind.QuotedString or HoconTokenKind.Unquoted or HoconTokenKind.Substitution;

    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of input",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.QuotedString => $"string \"{Text}\"",
        HoconTokenKind.Substitution => $"substitution ${{{Text}}}",
        _ => $"'{Text}'",
    };
}
