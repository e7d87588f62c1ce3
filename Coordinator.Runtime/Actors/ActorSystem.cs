using System.Collections.Concurrent;
using Coordinator.Runtime.Patterns;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;

namespace Coordinator.Runtime.Actors;

/// <summary>
/// A hierarchy of actors: the root "/", the user guardian "/user" (parent of <see cref="ActorOf"/> actors)
/// and the system guardian "/system" (parent of <see cref="SystemActorOf"/> actors, stopped after user actors).
/// </summary>
public sealed class ActorSystem
{
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextTempId;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        KernelLog = settings.LoggerFactory.CreateLogger("Coordinator.Runtime.Actors");
        EventStream = new EventStream(KernelLog);
        DeadLetters = new DeadLetterOffice(this, EventStream, settings.LoggerFactory.CreateLogger("Coordinator.Runtime.DeadLetters"), settings.DeadLetterLogLimit);
        Scheduler = new ClockScheduler(settings.Clock);

        var guardian = Props.Create(() => new GuardianActor());
        _root = new ActorCell(this, guardian, null, ActorPath.Root, isGuardian: true);
        _userGuardian = _root.CreateChild(guardian, "user", isGuardian: true);
        _systemGuardian = _root.CreateChild(guardian, "system", isGuardian: true);
        _userGuardian.OnTerminated = () => _systemGuardian.SendSystem(StopActor.Instance);
        _systemGuardian.OnTerminated = () => _root.SendSystem(StopActor.Instance);
        _root.OnTerminated = () => _terminated.TrySetResult();
        _root.SendSystem(CreateActor.Instance);
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public IClock Clock => Settings.Clock;

    public IScheduler Scheduler { get; }

    public EventStream EventStream { get; }

    public DeadLetterOffice DeadLetters { get; }

    /// <summary>Completes once every actor has stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>True from the moment <see cref="Terminate"/> is called.</summary>
    public bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    /// <summary>Asks still waiting for a reply; each one's temporary reference is dropped as soon as it completes.</summary>
    public int PendingAsks => PendingAskRefs.Count;

    internal ConcurrentDictionary<PromiseActorRef, byte> PendingAskRefs { get; } = new();

    internal ILogger KernelLog { get; }

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor under /user. Names are unique there; null picks a fresh one.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Guard(_userGuardian).CreateChild(props, name, isGuardian: false);

    /// <summary>Creates a kernel-level actor under /system; these outlive every /user actor at shutdown.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => Guard(_systemGuardian).CreateChild(props, name, isGuardian: false);

    /// <summary>Stops <paramref name="actor"/> (after the message it is processing, and after its children).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef internalRef)
            throw new ArgumentException($"{actor} is not a reference created by this kernel.", nameof(actor));
        internalRef.SendSystem(StopActor.Instance);
    }

    /// <summary>
    /// Stops every actor, children before parents, /user before /system. Afterwards Tell goes to dead
    /// letters and Ask fails at once. Idempotent.
    /// </summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            KernelLog.LogInformation("Actor system {Name} terminating", Name);
            _userGuardian.SendSystem(StopActor.Instance);
        }
        return WhenTerminated;
    }

    internal ActorPath NextTempPath() => ActorPath.Root.Child("temp").Child("$" + Interlocked.Increment(ref _nextTempId));

    private ActorCell Guard(ActorCell guardian) =>
        IsTerminating ? throw new InvalidOperationException($"Actor system {Name} is terminating; no new actors.") : guardian;

    public override string ToString() => $"ActorSystem({Name})";
}
