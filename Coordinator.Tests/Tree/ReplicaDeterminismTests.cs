using Coordinator.Actors.Prep;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Tree;

/// <summary>
/// A follower that only sees the encoded txns must end with the leader's tree: apply takes every
/// decision from the txn and its header. Random write mixes (seeded) exercise creates of every kind,
/// deletes, setData, setACL, multis that fail half-way and session closes.
/// </summary>
public sealed class ReplicaDeterminismTests
{
    private static readonly string[] Paths = ["/a", "/a/b", "/a/b/c", "/d", "/d/e", "/a/s", "/d/s"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_replica_applying_the_encoded_txns_matches_the_leader_at_every_zxid(int seed)
    {
        var random = new Random(seed);
        var leader = new DataTree();
        var prep = new RequestPrep(leader, new PrepSettings(TtlEnabled: true));
        var follower = new DataTree();
        long[] sessions = [0x10, 0x20];

        for (long zxid = 1; zxid <= 400; zxid++)
        {
            var session = sessions[random.Next(sessions.Length)];
            var caller = new PrepCaller(session, [new Id("ip", "127.0.0.1")]);
            var txn = random.Next(40) == 0
                ? prep.PrepareCloseSession(session, zxid)
                : random.Next(6) == 0
                    ? prep.Prepare(caller, zxid, OpCode.Multi, new MultiRequest([RandomOp(random), RandomOp(random), RandomOp(random)]))
                    : random.Next(8) == 0
                        ? prep.Prepare(caller, zxid, OpCode.SetAcl, new SetACLRequest(Paths[random.Next(Paths.Length)], Acls.ReadAclUnsafe, -1))
                        : PrepareSingle(prep, caller, zxid, RandomOp(random));
            var header = new TxnHeader(session, (int)zxid, zxid, 1_000 * zxid);

            leader.Apply(header, txn);
            prep.Outstanding.Committed(zxid);
            var (decodedHeader, decodedTxn) = TxnCodec.Decode(TxnCodec.Encode(header, txn));
            follower.Apply(decodedHeader, decodedTxn);

            Assert.Equal(leader.Digest(), follower.Digest());
        }

        Assert.True(leader.NodeCount > 4, "the random mix should leave some nodes behind");
        Assert.Equal(leader.Digest(), DataTreeSnapshot.Read(DataTreeSnapshot.Write(follower)).Digest());
    }

    // check is only valid inside a multi, so a lone check travels as a one-op multi.
    private static Txn PrepareSingle(RequestPrep prep, PrepCaller caller, long zxid, MultiOp op) =>
        op.Type == OpCode.Check
            ? prep.Prepare(caller, zxid, OpCode.Multi, new MultiRequest([op]))
            : prep.Prepare(caller, zxid, op.Type, op.Request);

    private static MultiOp RandomOp(Random random)
    {
        var path = Paths[random.Next(Paths.Length)];
        return random.Next(7) switch
        {
            0 => new MultiOp(OpCode.Create, new CreateRequest(path, [(byte)random.Next(256)], Acls.OpenAclUnsafe, random.Next(4))),
            1 => new MultiOp(OpCode.CreateContainer, new CreateRequest(path, [], Acls.OpenAclUnsafe, (int)CreateMode.Container)),
            2 => new MultiOp(OpCode.CreateTtl, new CreateTTLRequest(path, null, Acls.OpenAclUnsafe, (int)CreateMode.PersistentSequentialWithTtl, 5_000)),
            3 => new MultiOp(OpCode.Delete, new DeleteRequest(path, random.Next(2) - 1)),
            4 => new MultiOp(OpCode.SetData, new SetDataRequest(path, new byte[random.Next(4)], -1)),
            5 => new MultiOp(OpCode.Check, new CheckVersionRequest(path, random.Next(2) - 1)),
            _ => new MultiOp(OpCode.Create2, new CreateRequest(path + "/", [], Acls.OpenAclUnsafe, (int)CreateMode.PersistentSequential)),
        };
    }
}
