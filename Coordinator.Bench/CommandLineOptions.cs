using System.Globalization;

namespace Coordinator.Bench;

/// <summary>The parsing the benchmark's verbs share: <c>--name value</c> pairs, positive numbers, lists from a known set.</summary>
internal static class CommandLineOptions
{
    /// <summary>The arguments as (name, value) pairs, in order; a name without a value is an error.</summary>
    public static IEnumerable<(string Name, string Value)> Pairs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count) throw new ArgumentException($"{args[i]} needs a value");
            yield return (args[i], args[i + 1]);
        }
    }

    public static int ParsePositive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number");

    public static string[] ParseList(string name, string value, IReadOnlyList<string> known)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = items.Where(i => !known.Contains(i)).ToArray();
        if (items.Length == 0 || unknown.Length > 0)
            throw new ArgumentException($"{name}: unknown '{string.Join(",", unknown)}'; choose from {string.Join(", ", known)}");
        return items;
    }
}
