using Coordinator.Actors.Persistence;
using Coordinator.Actors.Prep;
using Coordinator.Actors.Reads;
using Coordinator.Actors.Settings;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Watches;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging;
using static Coordinator.Actors.Member.MemberProtocol;

namespace Coordinator.Actors.Member;

/// <summary>What a member is started with: its settings, the recovered tree and its storage.</summary>
public sealed record MemberContext(
    MemberSettings Settings,
    DataTree Tree,
    GroupCommitJournal Journal,
    IJournal JournalSegments,
    ISnapshotStore Snapshots,
    ILoggerFactory LoggerFactory,
    string Version);

/// <summary>
/// The single writer of a standalone member's state (see docs/architecture.md). Writes are prepared
/// into txns, journaled, and applied in zxid order once durable; the watch events a txn triggers are
/// sent before the writer's reply. Reads are answered from the tree in each session's request order.
/// </summary>
public sealed partial class MemberActor : ActorBase
{
    private const string ReaperTimer = "container-reaper";

    private readonly MemberContext _context;
    private readonly MemberSettings _settings;
    private readonly DataTree _tree;
    private readonly WatchTable _watches = new();
    private readonly RequestPrep _prep;
    private readonly ReadRequests _reads;
    private readonly ILogger _log;
    private readonly DateTimeOffset _startedAt;

    public MemberActor(MemberContext context)
    {
        _context = context;
        _settings = context.Settings;
        _tree = context.Tree;
        _prep = new RequestPrep(_tree, new PrepSettings(_settings.TtlNodesEnabled, _settings.JuteMaxBuffer));
        _reads = new ReadRequests(_tree, _watches);
        _log = context.LoggerFactory.CreateLogger("Coordinator.Member");
        _startedAt = Context.System.Clock.UtcNow;
        _lastProposedZxid = _tree.LastZxid;
        _nextSessionId = InitialSessionId(_settings.Id, _startedAt.ToUnixTimeMilliseconds());
        _snapshotThreshold = NextSnapshotThreshold();

        Receive<OpenSession>(OnOpenSession);
        Receive<SessionRequest>(OnSessionRequest);
        Receive<TxnDurable>(OnTxnDurable);
        Receive<ExpireSession>(OnExpireSession);
        Receive<ConnectionClosed>(OnConnectionClosed);
        Receive<ReapContainers>(_ => OnReapContainers());
        Receive<GetStatus>(_ => Sender.Tell(Status()));
    }

    public static Props Props(MemberContext context) => Runtime.Actors.Props.Create(() => new MemberActor(context));

    protected override void PreStart()
    {
        RestoreSessions();
        Timers.StartPeriodicTimer(ReaperTimer, ReapContainers.Instance, _settings.ContainerCheckInterval);
        _log.LogInformation("Member {Id} serving at zxid 0x{Zxid:x} with {Nodes} znodes and {Sessions} sessions",
            _settings.Id, _tree.LastZxid, _tree.NodeCount, _sessions.Count);
    }

    private long NowMs => Context.System.Clock.UtcNow.ToUnixTimeMilliseconds();

    private sealed record ReapContainers
    {
        public static readonly ReapContainers Instance = new();
    }
}
