namespace Coordinator.Host.Shell;

/// <summary>
/// The words after a verb, split into flags (<c>-s</c>, bundled as <c>-es</c>), flags with a value
/// (<c>-v 3</c>) and positional words. A word is a flag only when a letter follows its dash, so data
/// such as <c>-1</c> stays positional.
/// </summary>
internal sealed class ShellArguments
{
    private readonly HashSet<char> _flags = [];
    private readonly Dictionary<char, string> _values = [];
    private readonly List<string> _positional = [];

    public IReadOnlyList<string> Positional => _positional;

    public bool Has(char flag) => _flags.Contains(flag);

    public string? Value(char flag) => _values.GetValueOrDefault(flag);

    /// <param name="switches">The flags this verb takes without a value.</param>
    /// <param name="valued">The flags this verb takes with a value.</param>
    public static (ShellArguments Arguments, string? Error) Read(IReadOnlyList<string> words, string switches, string valued)
    {
        var arguments = new ShellArguments();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length < 2 || word[0] != '-' || !char.IsLetter(word[1]))
            {
                arguments._positional.Add(word);
                continue;
            }

            foreach (var (flag, index) in word.Skip(1).Select((flag, index) => (flag, index)))
            {
                if (valued.Contains(flag) && index == word.Length - 2)
                {
                    if (i + 1 >= words.Count)
                        return (arguments, $"Option -{flag} needs a value");
                    arguments._values[flag] = words[++i];
                }
                else if (switches.Contains(flag))
                {
                    arguments._flags.Add(flag);
                }
                else
                {
                    return (arguments, $"Unknown option -{flag}");
                }
            }
        }

        return (arguments, null);
    }
}
