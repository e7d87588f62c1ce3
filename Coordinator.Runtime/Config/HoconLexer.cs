using System.Text;

namespace Coordinator.Runtime.Configuration;

/// <summary>Turns HOCON text into tokens. Comments are dropped; newlines are tokens because they separate fields.</summary>
internal sealed class HoconLexer
{
    // Characters that end an unquoted string (HOCON's forbidden set plus whitespace).
    private const string UnquotedStops = "$\"{}[]:=,+#`^?!@*&\\()";

    private readonly string _text;
    private readonly string _source;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private HoconLexer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public static List<HoconToken> Tokenize(string text, string source) => new HoconLexer(text, source).ReadAll();

    private List<HoconToken> ReadAll()
    {
        var tokens = new List<HoconToken>();
        while (true)
        {
            var spaceBefore = SkipSpacesAndComments();
            var position = Here;
            if (AtEnd)
            {
                tokens.Add(new HoconToken(HoconTokenKind.End, "", position, spaceBefore));
                return tokens;
            }

            tokens.Add(ReadToken(position, spaceBefore));
        }
    }

    private HoconToken ReadToken(SourcePosition position, bool spaceBefore)
    {
        var c = Peek();
        HoconToken Single(HoconTokenKind kind)
        {
            Advance();
            return new HoconToken(kind, c.ToString(), position, spaceBefore);
        }

        switch (c)
        {
            case '\n': return Single(HoconTokenKind.Newline);
            case '{': return Single(HoconTokenKind.OpenBrace);
            case '}': return Single(HoconTokenKind.CloseBrace);
            case '[': return Single(HoconTokenKind.OpenBracket);
            case ']': return Single(HoconTokenKind.CloseBracket);
            case '(': return Single(HoconTokenKind.OpenParen);
            case ')': return Single(HoconTokenKind.CloseParen);
            case ',': return Single(HoconTokenKind.Comma);
            case '=' or ':': return Single(HoconTokenKind.Separator);
            case '"': return ReadQuoted(position, spaceBefore);
            case '$': return ReadSubstitution(position, spaceBefore);
        }

        if (c == '+' && PeekAt(1) == '=')
            throw new HoconParseException(position, "'+=' is not supported");
        if (UnquotedStops.Contains(c))
            throw new HoconParseException(position, $"unexpected character '{c}'");
        return ReadUnquoted(position, spaceBefore);
    }

    private HoconToken ReadUnquoted(SourcePosition position, bool spaceBefore)
    {
        var start = _index;
        while (!AtEnd && !IsSpace(Peek()) && Peek() != '\n' && !UnquotedStops.Contains(Peek()) && !AtLineComment())
            Advance();
        return new HoconToken(HoconTokenKind.Unquoted, _text[start.._index], position, spaceBefore);
    }

    private HoconToken ReadQuoted(SourcePosition position, bool spaceBefore)
    {
        Advance(); // opening quote
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek() == '\n')
                throw new HoconParseException(position, "unterminated quoted string");
            var c = Peek();
            if (c == '"')
            {
                Advance();
                return new HoconToken(HoconTokenKind.QuotedString, value.ToString(), position, spaceBefore);
            }

            if (c == '\\')
            {
                value.Append(ReadEscape());
                continue;
            }

            value.Append(c);
            Advance();
        }
    }

    private string ReadEscape()
    {
        var position = Here;
        Advance(); // backslash
        if (AtEnd)
            throw new HoconParseException(position, "unterminated escape sequence");
        var c = Peek();
        Advance();
        switch (c)
        {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                if (_index + 4 > _text.Length || !ushort.TryParse(_text.AsSpan(_index, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
                    throw new HoconParseException(position, "\\u must be followed by four hex digits");
                for (var i = 0; i < 4; i++)
                    Advance();
                return ((char)code).ToString();
            default:
                throw new HoconParseException(position, $"unknown escape sequence '\\{c}'");
        }
    }

    private HoconToken ReadSubstitution(SourcePosition position, bool spaceBefore)
    {
        Advance(); // '$'
        if (AtEnd || Peek() != '{')
            throw new HoconParseException(position, "'$' must start a substitution like ${path}");
        Advance();
        var optional = !AtEnd && Peek() == '?';
        if (optional)
            Advance();
        var start = _index;
        while (!AtEnd && Peek() != '}')
        {
            if (Peek() == '\n')
                throw new HoconParseException(position, "unterminated substitution");
            Advance();
        }

        if (AtEnd)
            throw new HoconParseException(position, "unterminated substitution");
        var path = _text[start.._index].Trim();
        Advance(); // '}'
        if (path.Length == 0)
            throw new HoconParseException(position, "empty substitution path");
        return new HoconToken(HoconTokenKind.Substitution, path, position, spaceBefore, optional);
    }

    /// <returns>True if any whitespace or comment was skipped.</returns>
    private bool SkipSpacesAndComments()
    {
        var skipped = false;
        while (!AtEnd)
        {
            var c = Peek();
            if (IsSpace(c))
            {
                Advance();
                skipped = true;
            }
            else if (c == '#' || AtLineComment())
            {
                while (!AtEnd && Peek() != '\n')
                    Advance();
                skipped = true;
            }
            else
            {
                break;
            }
        }

        return skipped;
    }

    private bool AtLineComment() => Peek() == '/' && PeekAt(1) == '/';

    // Newline is a token, every other whitespace (including '\r' and the BOM) is just space.
    private static bool IsSpace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private bool AtEnd => _index >= _text.Length;

    private char Peek() => _text[_index];

    private char PeekAt(int offset) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    private SourcePosition Here => new(_source, _line, _column);

    private void Advance()
    {
        if (_text[_index] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _index++;
    }
}
