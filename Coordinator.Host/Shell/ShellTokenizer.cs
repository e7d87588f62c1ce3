using System.Text;

namespace Coordinator.Host.Shell;

/// <summary>
/// Splits a shell line into words at whitespace. Text in double or single quotes is taken literally,
/// spaces included, and joins the word it touches, so <c>set /a "hello world"</c> passes one data word
/// and <c>""</c> is an empty word.
/// </summary>
public static class ShellTokenizer
{
    /// <summary>Splits <c>-c</c> text into commands at each <c>;</c> outside quotes.</summary>
    public static IReadOnlyList<string> SplitCommands(string text)
    {
        var commands = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
                quote = c == quote ? null : quote;
            else if (c is '"' or '\'')
                quote = c;
            else if (c == ';')
            {
                commands.Add(text[start..i]);
                start = i + 1;
            }
        }

        commands.Add(text[start..]);
        return commands;
    }

    /// <summary>The words of <paramref name="line"/>, or an error for an unterminated quote.</summary>
    public static (IReadOnlyList<string> Words, string? Error) Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c is '"' or '\'')
            {
                var close = line.IndexOf(c, i + 1);
                if (close < 0)
                    return ([], $"Unterminated {c} quote starting at column {i + 1}");
                word.Append(line, i + 1, close - i - 1);
                inWord = true;
                i = close;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
            words.Add(word.ToString());
        return (words, null);
    }
}
