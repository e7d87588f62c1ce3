using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Coordinator.Actors.ClientPort;
using Coordinator.Actors.Member;
using Coordinator.Actors.Settings;
using Coordinator.Actors.Zab.Peer;
using Coordinator.Actors.Zab.Links;
using Coordinator.Host.Composition;
using Coordinator.Host.Configuration;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Patterns;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Persistence;

namespace Coordinator.Tests.Ensemble;

/// <summary>
/// Several real members (SQLite storage, client ports on loopback) in this process, their peer links routed through
/// a <see cref="PeerSwitchboard"/> so a test can cut them. Members stop cleanly or are dropped (their links cut
/// first, as if the process died) and start again on their data folders.
/// </summary>
internal sealed class InProcessEnsemble : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "coordinator-ensemble-" + Guid.NewGuid().ToString("N"));
    private readonly string _configFile;
    private readonly Dictionary<int, int> _clientPorts = [];
    private readonly Dictionary<int, RunningMember> _running = [];
    private readonly Dictionary<int, CapturingLoggerFactory> _logs = [];

    /// <param name="extraConfig">HOCON appended to the shared file (e.g. a small snap-count).</param>
    public InProcessEnsemble(int participants, int observers = 0, string tickTime = "100ms", string extraConfig = "")
    {
        Directory.CreateDirectory(_directory);
        Ids = Enumerable.Range(1, participants + observers).ToList();
        var ports = Coordinator.Bench.Servers.FreePorts.Allocate(Ids.Count);
        var members = Ids.Select(id => string.Create(CultureInfo.InvariantCulture,
            $"{{ id = {id}, host = \"127.0.0.1\", client-port = {ports[id - 1]}, quorum-port = {40000 + id}, election-port = {41000 + id}, role = {(id > participants ? "observer" : "participant")} }}"));
        foreach (var id in Ids)
        {
            _clientPorts[id] = ports[id - 1];
            _logs[id] = new CapturingLoggerFactory();
        }
        _configFile = Path.Combine(_directory, "ensemble.conf");
        File.WriteAllText(_configFile, $$"""
            coordinator.member { client-address = "127.0.0.1", tick-time = {{tickTime}}, min-session-timeout = 200ms, four-letter-words = ["*"] }
            coordinator.ensemble { members = [ {{string.Join("\n", members)}} ], init-limit = 10, sync-limit = 5 }
            {{extraConfig}}
            """);
    }

    public IReadOnlyList<int> Ids { get; }

    public int ClientPortOf(int id) => _clientPorts[id];

    /// <summary>What each member logged since the ensemble was created (all its runs).</summary>
    public CapturingLogger LogOf(int id) => _logs[id].Logger;

    public PeerSwitchboard Switchboard { get; } = new();

    public string ConnectString(params int[] ids) =>
        string.Join(",", (ids.Length == 0 ? Ids : ids).Select(id => $"127.0.0.1:{_clientPorts[id]}"));

    public void Start(params int[] ids)
    {
        foreach (var id in ids.Length == 0 ? Ids : ids)
        {
            var config = ConfigLoader.Load(_configFile, new Dictionary<string, string>
            {
                ["coordinator.member.id"] = id.ToString(CultureInfo.InvariantCulture),
                ["coordinator.member.data-dir"] = Path.Combine(_directory, $"member-{id}"),
                ["coordinator.member.client-port"] = _clientPorts[id].ToString(CultureInfo.InvariantCulture),
            });
            _running[id] = RunningMember.Start(CoordinatorSettings.From(config), _logs[id], peerLinks: Switchboard.LinksFor(id));
        }
    }

    /// <summary>Stops a member: its peers see its links break, its clients lose their connections.</summary>
    public async Task StopAsync(int id)
    {
        Switchboard.Isolate(id);
        await _running[id].DisposeAsync();
        _running.Remove(id);
        Switchboard.Heal(id);
    }

    public async Task<MemberStatus> StatusAsync(int id) => await _running[id].Member.Ask<MemberStatus>(new MemberProtocol.GetStatus());

    /// <summary>
    /// Waits until exactly one running member (of <paramref name="among"/>, when given) leads and every one of them
    /// serves; returns the leader's id. Limiting it to some members leaves out one that still believes it leads.
    /// </summary>
    public async Task<int> AwaitServingAsync(params int[] among)
    {
        var leader = 0;
        await StartupPoll.UntilAsync(async () =>
        {
            var statuses = new Dictionary<int, MemberStatus>();
            foreach (var id in among.Length > 0 ? among : _running.Keys.ToArray()) statuses[id] = await StatusAsync(id);
            var leaders = statuses.Where(s => s.Value.Mode == "leader").Select(s => s.Key).ToList();
            leader = leaders.Count == 1 ? leaders[0] : 0;
            return leader != 0 && statuses.Values.All(s => s.Serving);
        }, () => "no single serving leader with every running member serving");
        return leader;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _running.Keys.ToList()) await StopAsync(id);
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// Peer links in memory: per pair in send order (one mailbox per receiver keeps it), and a cut or absent peer
/// loses the message and tells the sender, as a broken TCP link would.
/// </summary>
internal sealed class PeerSwitchboard
{
    private readonly ConcurrentDictionary<long, IActorRef> _owners = new();
    private readonly ConcurrentDictionary<long, bool> _isolated = new();
    private readonly ConcurrentDictionary<long, bool> _holding = new();
    private readonly ConcurrentQueue<(long From, long To)> _held = new();

    public Func<IActorRef, Props> LinksFor(long id) => owner => Props.Create(() => new Links(this, id, owner));

    /// <summary>Cuts every link of <paramref name="id"/>; both sides learn of it.</summary>
    public void Isolate(long id)
    {
        _isolated[id] = true;
        foreach (var (other, owner) in _owners)
        {
            if (other == id) continue;
            owner.Tell(new PeerNetworkProtocol.PeerDisconnected(id));
            if (_owners.TryGetValue(id, out var isolated)) isolated.Tell(new PeerNetworkProtocol.PeerDisconnected(other));
        }
    }

    public void Heal(long id) => _isolated.TryRemove(id, out _);

    /// <summary>A link is reset: what was already delivered stays delivered; both ends are told of the loss.</summary>
    public void Reset(long id, long peer)
    {
        if (_owners.TryGetValue(id, out var owner)) owner.Tell(new PeerNetworkProtocol.PeerDisconnected(peer));
        if (_owners.TryGetValue(peer, out var other)) other.Tell(new PeerNetworkProtocol.PeerDisconnected(id));
    }

    /// <summary>Holds back everything <paramref name="id"/> sends, as a stalled network would; nothing is reported yet.</summary>
    public void Hold(long id) => _holding[id] = true;

    /// <summary>The stalled links break: what was held is lost, and both ends of each such link learn of it.</summary>
    public void DropHeld(long id)
    {
        _holding.TryRemove(id, out _);
        var pairs = new HashSet<(long, long)>();
        while (_held.TryDequeue(out var pair)) pairs.Add(pair);
        foreach (var (from, to) in pairs) Reset(from, to);
    }

    private void Deliver(long from, long to, Actors.Zab.Wire.PeerMessage message)
    {
        if (_holding.ContainsKey(from))
            _held.Enqueue((from, to));
        else if (!_isolated.ContainsKey(from) && !_isolated.ContainsKey(to) && _owners.TryGetValue(to, out var receiver))
            receiver.Tell(new PeerNetworkProtocol.PeerReceived(from, message));
        else if (_owners.TryGetValue(from, out var sender))
            sender.Tell(new PeerNetworkProtocol.PeerDisconnected(to));
    }

    private sealed class Links : ActorBase
    {
        private readonly PeerSwitchboard _board;
        private readonly long _id;
        private readonly IActorRef _owner;

        public Links(PeerSwitchboard board, long id, IActorRef owner)
        {
            _board = board;
            _id = id;
            _owner = owner;
            Receive<PeerNetworkProtocol.SendBatch>(send =>
            {
                foreach (var message in send.Messages) _board.Deliver(_id, message.To, message.Message);
            });
            Receive<PeerNetworkProtocol.ResetLink>(reset => _board.Reset(_id, reset.Peer));
        }

        protected override void PreStart() => _board._owners[_id] = _owner;

        protected override void PostStop() => _board._owners.TryRemove(_id, out _);
    }
}
