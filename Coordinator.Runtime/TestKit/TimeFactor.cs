using System.Globalization;

namespace Coordinator.Runtime.TestKit;

/// <summary>Scales every TestKit timeout by COORD_TEST_TIMEFACTOR (default 1), for slow or shared machines.</summary>
public static class TimeFactor
{
    public const string EnvironmentVariable = "COORD_TEST_TIMEFACTOR";

    private static readonly Lazy<double> Factor = new(Read);

    public static double Value => Factor.Value;

    public static TimeSpan Dilate(TimeSpan duration) => duration * Value;

    private static double Read()
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text)) return 1.0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0) return factor;
        throw new InvalidOperationException($"{EnvironmentVariable} must be a positive number, got '{text}'.");
    }
}
