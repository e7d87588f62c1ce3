using Coordinator.Runtime.Dispatch;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Runtime.Actors;

/// <summary>Everything an actor system can be tuned with; defaults suit production.</summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>User messages an actor processes per mailbox run before giving the thread back.</summary>
    public int Throughput { get; init; } = 100;

    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Restarts allowed per child within <see cref="RestartWindow"/> under the default strategy.</summary>
    public int MaxRestarts { get; init; } = 10;

    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Dead letters logged individually before logging goes quiet (they are still counted and published).</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    public int StashCapacity { get; init; } = 10_000;

    public IClock Clock { get; init; } = SystemClock.Instance;

    public IDispatcher Dispatcher { get; init; } = ThreadPoolDispatcher.Instance;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The strategy used by actors that declare none: restart on any exception, within the rate limit.</summary>
    public SupervisorStrategy DefaultStrategy() => new OneForOneStrategy(MaxRestarts, RestartWindow, _ => Directive.Restart);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Throughput, 1, nameof(Throughput));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DefaultAskTimeout, TimeSpan.Zero, nameof(DefaultAskTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRestarts, nameof(MaxRestarts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RestartWindow, TimeSpan.Zero, nameof(RestartWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(DeadLetterLogLimit, nameof(DeadLetterLogLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(StashCapacity, 1, nameof(StashCapacity));
        ArgumentNullException.ThrowIfNull(Clock, nameof(Clock));
        ArgumentNullException.ThrowIfNull(Dispatcher, nameof(Dispatcher));
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
    }
}
