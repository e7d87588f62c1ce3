using System.Reflection;
using System.Text;
using Coordinator.Actors.ClientPort;
using Coordinator.Actors.Member;
using Coordinator.Actors.Persistence;
using Coordinator.Actors.Settings;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Peer;
using Coordinator.Actors.Zab.Links;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;

namespace Coordinator.Host.Composition;

/// <summary>
/// A member running in this process, standalone or in an ensemble: recovered storage, the actor system, the member
/// actor (with its peer links in an ensemble) and the client port. The one place where the system clock, real
/// sockets and SQLite meet.
/// </summary>
public sealed class RunningMember : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly ClientListener _listener;
    private readonly GroupCommitJournal _journal;
    private readonly RecoveredStorage _storage;
    private readonly ILogger _log;

    private RunningMember(ActorSystem system, ClientListener listener, GroupCommitJournal journal, RecoveredStorage storage, IActorRef member, ILogger log)
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
        $"3.8.4-coordinator-{typeof(RunningMember).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}, built on 01/01/2026 00:00 GMT";

    public IActorRef Member { get; }

    public int ClientPort => _listener.Port;

    /// <summary>Completes if the member actor stops on its own (e.g. its journal failed): the process must exit.</summary>
    public Task Stopped { get; private init; } = Task.CompletedTask;

    /// <param name="peerLinks">Replaces the TCP peer links of an ensemble member (tests route peers in memory).</param>
    public static RunningMember Start(CoordinatorSettings settings, ILoggerFactory loggers, IClock? clock = null,
        Func<IActorRef, Props>? peerLinks = null)
    {
        var member = settings.Member;
        var log = loggers.CreateLogger("Coordinator.Host");
        Directory.CreateDirectory(member.DataDir);
        var storage = Recovery.Open(member.DataDir, loggers.CreateLogger("Coordinator.Persistence"));
        try
        {
            var journal = new GroupCommitJournal(storage.Journal, loggers.CreateLogger("Coordinator.Journal"), member.Journal.GroupCommitMaxBatch);
            var ensemble = settings.Ensemble;
            var tree = ensemble.IsStandalone
                ? TreeRecovery.Rebuild(storage, log)
                : TreeRecovery.FromSnapshot(storage, Encoding.UTF8.GetBytes(ensemble.ZooKeeperConfigText(member.ClientAddress)));
            var ensembleContext = ensemble.IsStandalone ? null : EnsembleContextOf(settings, storage, journal, tree, loggers, peerLinks);
            var system = ActorSystem.Create("coordinator", ActorSystemSettingsOf(settings.Actor, loggers, clock ?? SystemClock.Instance));
            var memberProps = MemberActor.Props(new MemberContext(member, tree, journal, storage.Journal, storage.Snapshots, loggers, Version, ensembleContext));
            var started = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new MemberSupervisor(memberProps, started, stopped)), "member-supervisor");
            var memberRef = started.Task.GetAwaiter().GetResult();
            var listener = new ClientListener(system, memberRef, member, loggers);
            listener.Start();
            return new RunningMember(system, listener, journal, storage, memberRef, log) { Stopped = stopped.Task };
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    private static EnsembleContext EnsembleContextOf(CoordinatorSettings settings, RecoveredStorage storage, GroupCommitJournal journal,
        DataTree tree, ILoggerFactory loggers, Func<IActorRef, Props>? peerLinks)
    {
        var member = settings.Member;
        var ensemble = settings.Ensemble;
        // A stored snapshot is read back from the store when a SNAP needs it; only an initial tree is held.
        var unstoredState = storage.Snapshot is null ? DataTreeSnapshot.Write(tree) : null;
        var entries = storage.EntriesToReplay().Select(e => new ZabEntry(Zxid.FromLong(e.Zxid), e.Payload.ToArray()));
        var log = new ZabJournalLog(Zxid.FromLong(tree.LastZxid), unstoredState, entries, journal, storage.Journal, storage.Snapshots,
            member.Journal.MemoryTailBytes);
        var description = $"{ensemble.Members.Count(m => m.Role == MemberRole.Participant)} participants"
            + $" and {ensemble.Members.Count(m => m.Role == MemberRole.Observer)} observers";
        return new EnsembleContext(ZabTiming.ConfigOf(ensemble, member.Id), log, storage.HardState,
            peerLinks ?? (owner => PeerLinksOf(settings, owner, loggers)), ZabTiming.ZabTick(member), description);
    }

    /// <summary>
    /// TCP links to every other member: heartbeats every half tick-time; a link silent for sync-limit tick-times (at
    /// least 2 s, so a loaded machine's pauses do not cut healthy links) is cut, as Zab would give up on the peer then.
    /// </summary>
    private static Props PeerLinksOf(CoordinatorSettings settings, IActorRef owner, ILoggerFactory loggers) =>
        PeerNetwork.Props(settings.Member.Id,
            settings.Ensemble.Members.Select(m => new PeerEndpoint(m.Id, m.Host, m.QuorumPort, m.ElectionPort)).ToList(),
            owner,
            new PeerNetworkSettings { HeartbeatInterval = settings.Member.TickTime / 2, IdleTimeout = TimeSpan.FromTicks(Math.Max(settings.Member.TickTime.Ticks * settings.Ensemble.SyncLimitTicks, TimeSpan.FromSeconds(2).Ticks)) },
            loggers);

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
