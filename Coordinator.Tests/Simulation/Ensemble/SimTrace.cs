namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>
/// The last <see cref="Capacity"/> events of a run, kept cheaply (formatted only when a run fails) so a failing
/// seed can be read without replaying it.
/// </summary>
internal sealed class SimTrace
{
    public const int Capacity = 80;

    private readonly (long Step, string What, object? Detail)[] _events = new (long, string, object?)[Capacity];
    private long _count;

    public void Add(long step, string what, object? detail = null) => _events[_count++ % Capacity] = (step, what, detail);

    public IEnumerable<string> Last()
    {
        for (var i = Math.Max(0, _count - Capacity); i < _count; i++)
        {
            var (step, what, detail) = _events[i % Capacity];
            yield return detail is null ? $"#{step} {what}" : $"#{step} {what} {detail}";
        }
    }
}

/// <summary>A broken safety property (or a run that did not converge); the message says which and where.</summary>
internal sealed class SimulationFailure(string message, Exception? inner = null) : Exception(message, inner);
