namespace Coordinator.Bench.Servers;

/// <summary>
/// An ensemble of real server processes on loopback, one folder per member under a fresh temporary root:
/// members can be started, stopped (SIGTERM) and killed (SIGKILL) one by one by id, keeping their data,
/// and <c>srvr</c> tells who leads. Every process is ended by its own id; disposing ends them all and
/// deletes the root.
/// </summary>
public sealed class LocalEnsemble : IRunningTopology
{
    /// <summary>How long a member may take to start, or the survivors to elect a leader, before a wait fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The <c>Mode:</c> words of a member that serves clients as part of a quorum.</summary>
    public static readonly string[] ServingModes = ["leader", "follower", "observer"];

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly IMemberLauncher _launcher;
    private readonly string _root;
    private readonly Dictionary<int, ServerProcess> _running = [];
    private readonly Lock _gate = new();

    private LocalEnsemble(IMemberLauncher launcher, IReadOnlyList<EnsembleMember> members)
    {
        _launcher = launcher;
        Members = members;
        _root = Directory.CreateTempSubdirectory($"{launcher.Server.ToLowerInvariant()}-ensemble-").FullName;
    }

    /// <summary>Lays out the members (ports, folders) without starting any of them.</summary>
    public static LocalEnsemble Create(IMemberLauncher launcher, int participants, int observers = 0) =>
        new(launcher, EnsembleMember.Allocate(participants, observers));

    /// <summary>Creates and starts the whole ensemble; returns once every member serves and one leads.</summary>
    public static async Task<LocalEnsemble> StartAsync(IMemberLauncher launcher, int participants, int observers = 0)
    {
        var ensemble = Create(launcher, participants, observers);
        try
        {
            await ensemble.StartAllAsync();
            return ensemble;
        }
        catch
        {
            ensemble.Dispose();
            throw;
        }
    }

    public string Server => _launcher.Server;

    public IReadOnlyList<EnsembleMember> Members { get; }

    public IReadOnlyList<int> Participants => Members.Where(m => !m.IsObserver).Select(m => m.Id).ToArray();

    public IReadOnlyList<int> Observers => Members.Where(m => m.IsObserver).Select(m => m.Id).ToArray();

    public IReadOnlyList<int> ClientPorts => Members.Select(m => m.ClientPort).ToArray();

    public IReadOnlyList<int> ProcessIds
    {
        get { lock (_gate) return _running.Values.Select(p => p.Id).ToArray(); }
    }

    /// <summary>Every member, running or not.</summary>
    public string ConnectString => ConnectStringOf(Members.Select(m => m.Id));

    public EnsembleMember Member(int id) =>
        Members.FirstOrDefault(m => m.Id == id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "no such member");

    /// <summary>The client connect string of just the given members.</summary>
    public string ConnectStringOf(IEnumerable<int> ids) => string.Join(',', ids.Select(id => $"127.0.0.1:{Member(id).ClientPort}"));

    public bool IsRunning(int id)
    {
        lock (_gate) return _running.ContainsKey(id);
    }

    /// <summary>Starts the member's process and returns at once (it may still be electing). Fails if it is already running.</summary>
    public void Launch(int id)
    {
        var member = Member(id);
        lock (_gate)
        {
            if (_running.ContainsKey(id))
                throw new InvalidOperationException($"{Server} member {id} is already running.");
            var directory = Directory.CreateDirectory(Path.Combine(_root, $"member{id}")).FullName;
            _running[id] = _launcher.Start(Members, member, directory);
        }
    }

    /// <summary>Launches every member not running (all at once: none can finish its election alone), then waits for a leader and every member serving.</summary>
    public async Task<int> StartAllAsync()
    {
        foreach (var member in Members.Where(m => !IsRunning(m.Id)))
            Launch(member.Id);
        return await WaitForLeaderAsync();
    }

    /// <summary>Launches the member and returns its mode once it serves clients as part of the quorum.</summary>
    public async Task<string> StartMemberAsync(int id)
    {
        Launch(id);
        string? mode = null;
        await UntilAsync(async () => (mode = await ModeAsync(id)) is not null && ServingModes.Contains(mode),
            () => $"{Server} member {id} serving (last mode: {mode ?? "none"})");
        return mode!;
    }

    /// <summary>SIGTERM: the member shuts down cleanly; returns once its process is gone. Its data stays.</summary>
    public async Task StopMemberAsync(int id)
    {
        if (Take(id) is { } process)
        {
            await process.TerminateAsync(StopGrace);
            process.Dispose();
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power cut; returns once the process is gone. Its data stays.</summary>
    public void KillMember(int id) => Take(id)?.Dispose();

    /// <summary>Kills every running member.</summary>
    public void KillAll()
    {
        foreach (var member in Members)
            KillMember(member.Id);
    }

    /// <summary>The member's <c>Mode:</c> word (leader, follower, observer), or null while it does not serve (down, electing, syncing).</summary>
    public Task<string?> ModeAsync(int id) => ServingProbe.ModeAsync(Member(id).ClientPort);

    /// <summary>
    /// Waits until every running member serves and exactly one of them leads; returns the leader's id.
    /// Right after the leader is killed this waits for the survivors to elect a new one.
    /// </summary>
    public async Task<int> WaitForLeaderAsync()
    {
        var modes = new Dictionary<int, string?>();
        await UntilAsync(
            async () =>
            {
                var running = Members.Where(m => IsRunning(m.Id)).Select(m => m.Id).ToArray();
                var asked = await Task.WhenAll(running.Select(async id => (id, mode: await ModeAsync(id))));
                modes = asked.ToDictionary(a => a.id, a => a.mode);
                return modes.Values.All(m => m is not null && ServingModes.Contains(m)) && modes.Values.Count(m => m == "leader") == 1;
            },
            () => $"one {Server} leader with every running member serving (modes: {string.Join(", ", modes.Select(m => $"{m.Key}={m.Value ?? "none"}"))})");
        return modes.Single(m => m.Value == "leader").Key;
    }

    /// <summary>Waits until none of the given members serves clients (e.g. once their quorum is gone).</summary>
    public async Task WaitUntilNotServingAsync(IEnumerable<int> ids)
    {
        var members = ids.ToArray();
        string?[] modes = [];
        await UntilAsync(
            async () => (modes = await Task.WhenAll(members.Select(ModeAsync))).All(m => m is null),
            () => $"{Server} members {string.Join(",", members)} not serving (modes: {string.Join(", ", modes.Select(m => m ?? "none"))})");
    }

    public void ThrowIfAnyExited()
    {
        lock (_gate)
        {
            foreach (var process in _running.Values)
                process.ThrowIfExited("during the run");
        }
    }

    /// <summary>The last output of every running member, for failure messages.</summary>
    public string Consoles
    {
        get { lock (_gate) return string.Join('\n', _running.Values.Select(p => p.Console)); }
    }

    public void Dispose()
    {
        KillAll();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a straggling child) must not fail the caller; the folder is under /tmp.
        }
    }

    private ServerProcess? Take(int id)
    {
        lock (_gate)
            return _running.Remove(id, out var process) ? process : null;
    }

    /// <summary>Polls <paramref name="condition"/> until the deadline; a member that exits meanwhile fails the wait at once with its output.</summary>
    private Task UntilAsync(Func<Task<bool>> condition, Func<string> describe) =>
        Poll.UntilAsync(
            async () =>
            {
                ThrowIfAnyExited();
                return await condition();
            },
            () => $"{describe()}\n{Consoles}", Deadline, PollInterval);
}
