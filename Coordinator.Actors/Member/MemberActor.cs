using Coordinator.Actors.Persistence;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Reads;
using Coordinator.Actors.Settings;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Watches;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Peer;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

/// <summary>What a member is started with: its settings, the recovered tree and its storage.</summary>
/// <param name="Ensemble">Null for a standalone member.</param>
public sealed record MemberContext(
    MemberSettings Settings,
    DataTree Tree,
    GroupCommitJournal Journal,
    IJournal JournalSegments,
    ISnapshotStore Snapshots,
    ILoggerFactory LoggerFactory,
    string Version,
    EnsembleContext? Ensemble = null);

/// <summary>
/// What an ensemble member adds: its Zab configuration and log, where its epochs are kept, and how to start its
/// peer links (given the member as their owner).
/// </summary>
public sealed record EnsembleContext(
    ZabConfig Config,
    ZabJournalLog Log,
    IHardStateStore HardState,
    Func<IActorRef, Props> PeerLinks,
    TimeSpan ZabTick,
    string Description);

/// <summary>
/// The single writer of a member's state (see docs/architecture.md). Writes are prepared into txns (here when
/// standalone or leading, else by the leader they are forwarded to), made durable (the journal alone, or a Zab
/// quorum) and applied in zxid order; the watch events a txn triggers are sent before the writer's reply. Reads
/// are answered from the tree in each session's request order.
/// </summary>
public sealed partial class MemberActor : ActorBase
{
    private const string ReaperTimer = "container-reaper";

    private readonly MemberContext _context;
    private readonly MemberSettings _settings;
    private readonly WatchTable _watches = new();
    private DataTree _tree;
    private RequestPrep _prep;
    private ReadRequests _reads;
    private readonly ILogger _log;
    private readonly DateTimeOffset _startedAt;

    public MemberActor(MemberContext context)
    {
        _context = context;
        _settings = context.Settings;
        _tree = context.Tree;
        _prep = NewPrep(_tree);
        _reads = new ReadRequests(_tree, _watches);
        _log = context.LoggerFactory.CreateLogger("Coordinator.Member");
        if (context.Ensemble is { } ensemble)
        {
            _zabLog = ensemble.Log;
            _zab = new ZabCore(ensemble.Config, ensemble.Log, HardStateRecord.Load(ensemble.HardState), Zxid.FromLong(_tree.LastZxid));
        }
        _startedAt = Context.System.Clock.UtcNow;
        _lastJournaledZxid = _tree.LastZxid;
        _nextSessionId = InitialSessionId(_settings.Id, _startedAt.ToUnixTimeMilliseconds());
        _snapshotThreshold = NextSnapshotThreshold();

        Receive<OpenSession>(OnOpenSession);
        Receive<SessionRequest>(OnSessionRequest);
        Receive<TxnDurable>(OnTxnDurable);
        Receive<ExpireSession>(OnExpireSession);
        Receive<ConnectionClosed>(OnConnectionClosed);
        Receive<ReapContainers>(_ => OnReapContainers());
        Receive<GetStatus>(_ => Sender.Tell(Status()));
        if (_zab is not null) ReceiveEnsembleTraffic();
    }

    public static Props Props(MemberContext context) => Runtime.Actors.Props.Create(() => new MemberActor(context));

    protected override void PreStart()
    {
        RestoreSessions();
        Timers.StartPeriodicTimer(ReaperTimer, ReapContainers.Instance, _settings.ContainerCheckInterval);
        if (_zab is null)
            _log.LogInformation("Member {Id} serving at zxid 0x{Zxid:x} with {Nodes} znodes and {Sessions} sessions",
                _settings.Id, _tree.LastZxid, _tree.NodeCount, _sessions.Count);
        else StartEnsemble();
    }

    private long NowMs => Context.System.Clock.UtcNow.ToUnixTimeMilliseconds();

    private RequestPrep NewPrep(DataTree tree) => new(tree, new PrepSettings(_settings.TtlNodesEnabled, _settings.JuteMaxBuffer));

    private sealed record ReapContainers
    {
        public static readonly ReapContainers Instance = new();
    }
}
