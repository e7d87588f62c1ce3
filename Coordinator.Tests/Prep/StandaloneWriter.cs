using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Prep;

/// <summary>
/// The standalone write path in miniature: prep with the next zxid, apply, then drop the committed
/// outstanding changes. Time advances by 1000 ms per txn so mtimes differ.
/// </summary>
internal sealed class StandaloneWriter
{
    public const long Session = 0x100;

    public StandaloneWriter(PrepSettings? settings = null, DataTree? tree = null)
    {
        Tree = tree ?? new DataTree();
        Prep = new RequestPrep(Tree, settings ?? new PrepSettings());
    }

    public DataTree Tree { get; }

    public RequestPrep Prep { get; }

    public long Zxid { get; private set; }

    public long NowMs => Zxid * 1000;

    public static PrepCaller Anyone { get; } = new(Session, [new Id("ip", "127.0.0.1")]);

    public ApplyResult Write(OpCode op, ZkRequest request, PrepCaller? caller = null)
    {
        var zxid = Zxid + 1;
        return Commit(zxid, Prep.Prepare(caller ?? Anyone, zxid, op, request), (caller ?? Anyone).SessionId);
    }

    public Txn PrepareOnly(OpCode op, ZkRequest request, PrepCaller? caller = null) =>
        Prep.Prepare(caller ?? Anyone, ++Zxid, op, request);

    public ApplyResult Commit(long zxid, Txn txn, long sessionId = Session)
    {
        Zxid = Math.Max(Zxid, zxid);
        var result = Tree.Apply(new TxnHeader(sessionId, 1, zxid, zxid * 1000), txn);
        Prep.Outstanding.Committed(zxid);
        return result;
    }

    public OpResult Create(string path, CreateMode mode = CreateMode.Persistent, byte[]? data = null, PrepCaller? caller = null) =>
        Write(OpCode.Create, new CreateRequest(path, data ?? [], Acls.OpenAclUnsafe, (int)mode), caller).Single;

    public OpResult Delete(string path, int version = -1, PrepCaller? caller = null) =>
        Write(OpCode.Delete, new DeleteRequest(path, version), caller).Single;

    public OpResult SetData(string path, byte[] data, int version = -1, PrepCaller? caller = null) =>
        Write(OpCode.SetData, new SetDataRequest(path, data, version), caller).Single;

    public ApplyResult CloseSession(long sessionId = Session)
    {
        var zxid = Zxid + 1;
        return Commit(zxid, Prep.PrepareCloseSession(sessionId, zxid), sessionId);
    }
}
