using System.Text;
using Coordinator.Actors.Zab.Core;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Simulation.Checkers;

namespace Coordinator.Tests.Simulation.Ensemble;

/// <summary>
/// A few ZooKeeper clients on top of a <see cref="SimEnsemble"/>, recording every operation for
/// <see cref="ZooKeeperHistoryChecker"/>. Each client has one operation in flight at a time (a session's FIFO
/// order) on a handful of top-level paths (the checker's model has no parents).
/// <list type="bullet">
/// <item>Writes go to the leader of the member the client is attached to, through that leader's prep. They
/// complete when the leader applies them; if the leader stops leading or crashes first, the operation stays
/// pending forever (the client saw ConnectionLoss and cannot know whether it happened).</item>
/// <item>Reads are answered by the attached member from its own tree, but only if it is serving and has
/// applied at least the client's last seen zxid (ZooKeeper's rule; a member that is behind refuses the client).
/// Otherwise the client moves to another member and tries later; no operation is recorded.</item>
/// </list>
/// A client that cannot reach a serving leader moves to another member without issuing the write: a
/// disconnected client has not sent anything yet.
/// </summary>
internal sealed class SimClients
{
    private static readonly string[] Paths = ["/a", "/b", "/c"];

    private readonly SimEnsemble _ensemble;
    private readonly Client[] _clients;
    private readonly List<Recorded> _history = [];
    private long _time;

    public SimClients(SimEnsemble ensemble, int count)
    {
        _ensemble = ensemble;
        _clients = Enumerable.Range(1, count).Select(id => new Client(id, RandomMemberId())).ToArray();
    }

    public int Pending => _history.Count(r => r.Output is null);
    public int Count => _history.Count;

    /// <summary>Lets one idle client issue its next operation (or move to another member if it cannot).</summary>
    public void Act()
    {
        var idle = _clients.Where(c => !c.Busy).ToList();
        if (idle.Count == 0) return;
        var client = idle[_ensemble.Random.Next(idle.Count)];
        var path = Paths[_ensemble.Random.Next(Paths.Length)];
        var roll = _ensemble.Random.Next(100);
        if (roll < 40) Read(client, path, exists: roll < 15);
        else Write(client, path, roll);
    }

    /// <summary>
    /// The history with every indeterminate write resolved from the committed log, which only the simulation
    /// knows: a write whose txn was committed becomes a completed operation that returns after everything else
    /// (it took effect at some point after its call), with the answer applying it gave; one that was never
    /// committed is left out (it never took effect). Resolved writes get a client id of their own, because the
    /// client never saw them complete: they must not raise that client's floor for its later reads. This keeps
    /// the checker exact: its read rule judges reads against one witness write order, and a pending write that
    /// the witness left out could not explain a read that saw it.
    /// </summary>
    public IReadOnlyList<Operation<ZkInput, ZkOutput>> ResolvedHistory()
    {
        var end = _time + 1;
        var resolved = new List<Operation<ZkInput, ZkOutput>>(_history.Count);
        foreach (var r in _history)
        {
            if (r.Output is { } output) resolved.Add(Op.Done(r.ClientId, r.Call, r.Input, r.Return, output));
            else if (r.Zxid is { } zxid && _ensemble.OutcomeOf(zxid, r.ClientId, r.Cxid) is { } outcome)
                resolved.Add(Op.Done(GhostClientBase + resolved.Count, r.Call, r.Input, end, outcome));
        }
        return resolved;
    }

    /// <summary>Client ids from here on are resolved indeterminate writes, one id each.</summary>
    public const int GhostClientBase = 1_000_000;

    private void Read(Client client, string path, bool exists)
    {
        var member = _ensemble[client.Attached];
        var mayAnswer = _ensemble.Bug == InjectedBug.ReadsIgnoreLastZxidSeen
            ? member.IsAlive
            : member.IsServing && member.Applied >= client.LastSeen;
        if (!mayAnswer)
        {
            Reattach(client);
            return;
        }
        var node = member.Tree.GetNode(path);
        ZkInput input = exists ? new ZkExists(path) : new ZkGetData(path);
        var output = node is null ? ZkOutput.Failed(ErrorCode.NoNode)
            : exists ? ZkOutput.WithVersion(node.Version)
            : ZkOutput.WithData(Encoding.UTF8.GetString(node.Data ?? []), node.Version);
        var record = Invoke(client, input);
        Complete(record, output);
        client.LastSeen = Zxid.Max(client.LastSeen, member.Applied);
        if (node is not null) client.Versions[path] = node.Version;
        _ensemble.Trace.Add(_ensemble.Steps, $"client {client.Id} on {member.Id} (applied {member.Applied}): {input} -> {output}");
    }

    private void Write(Client client, string path, int roll)
    {
        var attached = _ensemble[client.Attached];
        var leader = attached.IsServingLeader ? attached
            : attached.IsServing && attached.Core!.LeaderId is { } id && _ensemble[id].IsServingLeader ? _ensemble[id]
            : null;
        if (leader is null)
        {
            Reattach(client);
            return;
        }
        var data = $"c{client.Id}.{++client.Cxid}";
        var version = _ensemble.Random.Next(2) == 0 ? -1 : client.Versions.GetValueOrDefault(path, 0);
        (ZkInput input, OpCode op, ZkRequest request) = roll switch
        {
            < 60 => ((ZkInput)new ZkCreate(path, data), OpCode.Create, (ZkRequest)new CreateRequest(path, Encoding.UTF8.GetBytes(data), Acls.OpenAclUnsafe, 0)),
            < 88 => (new ZkSetData(path, data, version), OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(data), version)),
            _ => (new ZkDelete(path, version), OpCode.Delete, new DeleteRequest(path, version)),
        };
        var record = Invoke(client, input);
        record.Cxid = client.Cxid;
        client.Busy = true;
        var ticket = new WriteTicket(
            Completed: (output, zxid) =>
            {
                Complete(record, output);
                client.Busy = false;
                client.LastSeen = Zxid.Max(client.LastSeen, zxid);
                if (output.Error == ErrorCode.Ok && input is ZkSetData) client.Versions[path] = output.Version;
                _ensemble.Trace.Add(_ensemble.Steps, $"client {client.Id}: {input} -> {output} at {zxid}");
            },
            Lost: () =>
            {
                client.Busy = false;
                Reattach(client);
                _ensemble.Trace.Add(_ensemble.Steps, $"client {client.Id}: {input} -> connection loss (indeterminate)");
            });
        record.Zxid = _ensemble.SubmitWrite(leader, client.Id, client.Cxid, op, request, ticket);
    }

    private Recorded Invoke(Client client, ZkInput input)
    {
        var record = new Recorded(client.Id, input, ++_time);
        _history.Add(record);
        return record;
    }

    private void Complete(Recorded record, ZkOutput output)
    {
        record.Return = ++_time;
        record.Output = output;
    }

    private void Reattach(Client client) => client.Attached = RandomMemberId();

    private long RandomMemberId() => _ensemble.Members[_ensemble.Random.Next(_ensemble.Members.Count)].Id;

    private sealed class Client(int id, long attached)
    {
        public int Id { get; } = id;
        public long Attached { get; set; } = attached;
        public Zxid LastSeen { get; set; }
        public bool Busy { get; set; }
        public int Cxid { get; set; }

        /// <summary>The last version this client saw per path, to aim conditional writes at.</summary>
        public Dictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Recorded(int clientId, ZkInput input, long call)
    {
        public int ClientId { get; } = clientId;
        public ZkInput Input { get; } = input;
        public long Call { get; } = call;
        public long Return { get; set; }
        public ZkOutput? Output { get; set; }

        /// <summary>For a write: the session's cxid and the zxid the leader gave its txn.</summary>
        public int Cxid { get; set; }
        public Zxid? Zxid { get; set; }
    }
}
