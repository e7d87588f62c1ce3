using System.Reflection;
using Coordinator.Actors.ClientPort;
using Coordinator.Actors.Member;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Settings;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;

namespace Coordinator.Host.Composition;

/// <summary>
/// A running standalone member: recovered storage, the actor system, the member actor and the client
/// port. The one place where the system clock, real sockets and SQLite meet.
/// </summary>
public sealed class StandaloneMember : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly ClientListener _listener;
    private readonly GroupCommitJournal _journal;
    private readonly RecoveredStorage _storage;
    private readonly ILogger _log;

    private StandaloneMember(ActorSystem system, ClientListener listener, GroupCommitJournal journal, RecoveredStorage storage, IActorRef member, ILogger log)
    {
        _system = system;
        _listener = listener;
        _journal = journal;
        _storage = storage;
        Member = member;
        _log = log;
    }

    /// <summary>The version string the four-letter words report: ZooKeeper's protocol level, then ours.</summary>
    public static string Version { get; } =
        $"3.8.4-coordinator-{typeof(StandaloneMember).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}, built on 01/01/2026 00:00 GMT";

    public IActorRef Member { get; }

    public int ClientPort => _listener.Port;

    /// <summary>Completes if the member actor stops on its own (e.g. its journal failed): the process must exit.</summary>
    public Task Stopped { get; private init; } = Task.CompletedTask;

    public static StandaloneMember Start(CoordinatorSettings settings, ILoggerFactory loggers, IClock? clock = null)
    {
        var member = settings.Member;
        var log = loggers.CreateLogger("Coordinator.Host");
        Directory.CreateDirectory(member.DataDir);
        var storage = Recovery.Open(member.DataDir, loggers.CreateLogger("Coordinator.Persistence"));
        try
        {
            var tree = TreeRecovery.Rebuild(storage, log);
            var journal = new GroupCommitJournal(storage.Journal, loggers.CreateLogger("Coordinator.Journal"), member.Journal.GroupCommitMaxBatch);
            var system = ActorSystem.Create("coordinator", ActorSystemSettingsOf(settings.Actor, loggers, clock ?? SystemClock.Instance));
            var memberProps = MemberActor.Props(new MemberContext(member, tree, journal, storage.Journal, storage.Snapshots, loggers, Version));
            var started = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new MemberSupervisor(memberProps, started, stopped)), "member-supervisor");
            var memberRef = started.Task.GetAwaiter().GetResult();
            var listener = new ClientListener(system, memberRef, member, loggers);
            listener.Start();
            return new StandaloneMember(system, listener, journal, storage, memberRef, log) { Stopped = stopped.Task };
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    /// <summary>Closes the client port, stops every actor, then flushes and closes the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        await _system.Terminate();
        _journal.Dispose();
        _storage.Dispose();
        _log.LogInformation("Member stopped");
    }

    /// <summary>
    /// Parent of the member. A member that throws is stopped, never restarted: a fresh instance would
    /// sit on the half-applied tree and zxids it was built with. Its death completes the task the
    /// process waits on, so the process exits and the next start recovers from the journal.
    /// </summary>
    private sealed class MemberSupervisor : ActorBase
    {
        public MemberSupervisor(Props member, TaskCompletionSource<IActorRef> started, TaskCompletionSource stopped)
        {
            var child = Context.Watch(Context.ActorOf(member, "member"));
            started.SetResult(child);
            Receive<Terminated>(_ => stopped.TrySetResult());
        }

        protected override SupervisorStrategy SupervisorStrategy() =>
            new OneForOneStrategy(0, TimeSpan.FromMinutes(1), _ => Directive.Stop);
    }

    private static ActorSystemSettings ActorSystemSettingsOf(ActorSettings actor, ILoggerFactory loggers, IClock clock) => new()
    {
        Throughput = actor.Throughput,
        DefaultAskTimeout = actor.AskTimeout,
        DeadLetterLogLimit = actor.DeadLetterLogLimit,
        MaxRestarts = actor.MaxRestarts,
        RestartWindow = actor.RestartWindow,
        LoggerFactory = loggers,
        Clock = clock,
    };
}
