using System.Globalization;

namespace Coordinator.Runtime.Configuration;

/// <summary>Reads durations (<c>200ms</c>, <c>2s</c>, <c>1.5 hours</c>) and sizes (<c>512KiB</c>, <c>1MB</c>).</summary>
internal static class HoconUnits
{
    // Ticks per unit, as doubles because a nanosecond is a hundredth of a tick.
    private static readonly Dictionary<string, double> DurationUnits = BuildUnits<double>(
        (TimeSpan.TicksPerMicrosecond / 1000.0, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (TimeSpan.TicksPerMicrosecond, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (TimeSpan.TicksPerMillisecond, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (TimeSpan.TicksPerSecond, ["s", "second", "seconds"]),
        (TimeSpan.TicksPerMinute, ["m", "minute", "minutes"]),
        (TimeSpan.TicksPerHour, ["h", "hour", "hours"]),
        (TimeSpan.TicksPerDay, ["d", "day", "days"]));

    // Binary (KiB) and decimal (KB) units; a bare K/M/G means binary, as in HOCON.
    private static readonly Dictionary<string, long> SizeUnits = BuildUnits<long>(
        (1L, ["", "B", "b", "byte", "bytes"]),
        (1L << 10, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (1L << 20, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (1L << 30, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (1L << 40, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
        (1_000L, ["kB", "KB", "kilobyte", "kilobytes"]),
        (1_000_000L, ["MB", "megabyte", "megabytes"]),
        (1_000_000_000L, ["GB", "gigabyte", "gigabytes"]),
        (1_000_000_000_000L, ["TB", "terabyte", "terabytes"]));

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (!TrySplit(text, out var number, out var unit) || !DurationUnits.TryGetValue(unit, out var scale))
            return false;
        var ticks = number * scale;
        if (double.IsNaN(ticks) || Math.Abs(ticks) >= TimeSpan.MaxValue.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = default;
        if (!TrySplit(text, out var number, out var unit) || !SizeUnits.TryGetValue(unit, out var scale))
            return false;
        var value = number * scale;
        if (double.IsNaN(value) || value < 0 || value >= long.MaxValue || value != Math.Floor(value))
            return false;
        bytes = (long)value;
        return true;
    }

    /// <summary>Splits "1.5 s" into 1.5 and "s": the number runs up to the first letter.</summary>
    private static bool TrySplit(string text, out double number, out string unit)
    {
        var trimmed = text.Trim();
        var unitStart = 0;
        while (unitStart < trimmed.Length && !char.IsLetter(trimmed[unitStart]))
            unitStart++;
        unit = trimmed[unitStart..];
        return double.TryParse(trimmed.AsSpan(0, unitStart).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static Dictionary<string, T> BuildUnits<T>(params (T Scale, string[] Names)[] units)
    {
        var table = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (scale, names) in units)
        {
            foreach (var name in names)
                table.Add(name, scale);
        }

        return table;
    }
}
