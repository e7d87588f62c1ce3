using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Protocol;

/// <summary>Every record survives encode -> decode -> encode, with its fields intact.</summary>
public sealed class RecordRoundTripTests
{
    private static readonly Stat SampleStat = new(0x100, 0x200, 1_700_000_000_000, 1_700_000_000_500, 3, 4, 5, 0x0100000a1b2c0000, 6, 7, 0x300);
    private static readonly IReadOnlyList<Acl> DigestAcl =
        [new Acl(Perms.Read | Perms.Write, new Id("digest", "user:hash=")), new Acl(Perms.All, Id.Anyone)];

    public sealed record Case(string Name, IJuteWritable Record, Func<byte[], object> Decode)
    {
        public override string ToString() => Name;
    }

    private static Case Of<T>(T record, string? name = null)
        where T : IJuteRecord<T> =>
        new(name ?? typeof(T).Name, record, bytes => JuteCodec.Decode<T>(bytes));

    public static TheoryData<Case> Records() =>
    [
        Of(new ConnectRequest(0, 0x55, 10000, 0x77, new byte[16], true)),
        Of(new ConnectRequest(0, 0x55, 10000, 0x77, [1, 2, 3], null), "ConnectRequest without readOnly"),
        Of(new ConnectResponse(0, 40000, 0x77, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(), false)),
        Of(new ConnectResponse(0, 40000, 0x77, new byte[16], null), "ConnectResponse without readOnly"),
        Of(new RequestHeader(17, OpCode.GetChildren2)),
        Of(new ReplyHeader(17, 0x1234_5678_9abc, ErrorCode.BadVersion)),
        Of(new MultiHeader(OpCode.SetData, false, (ErrorCode)(-1))),
        Of(new AuthPacket(0, "digest", "user:password"u8.ToArray())),
        Of(new WatcherEvent(EventType.NodeChildrenChanged, KeeperState.SyncConnected, "/parent")),
        Of(new SetWatches(0x99, ["/d1", "/d2"], ["/e"], [])),
        Of(new SetWatches2(0x99, ["/d"], [], ["/c"], ["/p"], ["/r1", "/r2"])),
        Of(new CreateRequest("/node", "data"u8.ToArray(), DigestAcl, (int)CreateMode.EphemeralSequential)),
        Of(new CreateRequest("/node", null, Acls.OpenAclUnsafe, 0), "CreateRequest with null data"),
        Of(new CreateRequest("/node", [], Acls.OpenAclUnsafe, 0), "CreateRequest with empty data"),
        Of(new CreateTTLRequest("/ttl", [1], Acls.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 60_000)),
        Of(new CreateResponse("/node0000000001")),
        Of(new Create2Response("/node0000000001", SampleStat)),
        Of(new DeleteRequest("/node", -1)),
        Of(new DeleteContainerRequest("/container")),
        Of(new ExistsRequest("/node", true)),
        Of(new ExistsResponse(SampleStat)),
        Of(new GetDataRequest("/node", false)),
        Of(new GetDataResponse([0, 1, 2], SampleStat)),
        Of(new GetDataResponse(null, SampleStat), "GetDataResponse with null data"),
        Of(new SetDataRequest("/node", "v2"u8.ToArray(), 4)),
        Of(new SetDataResponse(SampleStat)),
        Of(new GetACLRequest("/node")),
        Of(new GetACLResponse(DigestAcl, SampleStat)),
        Of(new SetACLRequest("/node", DigestAcl, 2)),
        Of(new SetACLResponse(SampleStat)),
        Of(new GetChildrenRequest("/", true)),
        Of(new GetChildrenResponse(["zookeeper", "a", "ü"])),
        Of(new GetChildren2Request("/", false)),
        Of(new GetChildren2Response(["zookeeper"], SampleStat)),
        Of(new GetAllChildrenNumberRequest("/")),
        Of(new GetAllChildrenNumberResponse(3)),
        Of(new CheckVersionRequest("/node", 7)),
        Of(new SyncRequest("/node")),
        Of(new SyncResponse("/node")),
        Of(new AddWatchRequest("/tree", AddWatchMode.PersistentRecursive)),
        Of(new CheckWatchesRequest("/node", WatcherType.Data)),
        Of(new RemoveWatchesRequest("/node", WatcherType.Any)),
        Of(new GetEphemeralsRequest("/app")),
        Of(new GetEphemeralsResponse(["/app/e1", "/app/e2"])),
        Of(new ClientInfo("ip", "127.0.0.1")),
        Of(new WhoAmIResponse([new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "user")])),
        Of(new ErrorResponse(ErrorCode.Ok)),
        Of(new ReconfigRequest("server.4=h:2888:3888;2181", "", "", -1)),
        Of(new GetSASLRequest([5, 6])),
        Of(new SetSASLResponse(null)),
        Of(new MultiRequest(
        [
            new MultiOp(OpCode.Create, new CreateRequest("/a", null, Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.Create2, new CreateRequest("/a/b", [1], Acls.OpenAclUnsafe, 2)),
            new MultiOp(OpCode.CreateContainer, new CreateRequest("/c", [], Acls.OpenAclUnsafe, 4)),
            new MultiOp(OpCode.CreateTtl, new CreateTTLRequest("/t", [], Acls.OpenAclUnsafe, 5, 1000)),
            new MultiOp(OpCode.SetData, new SetDataRequest("/a", [2], -1)),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/a", 1)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/a/b", 0)),
        ])),
        Of(new MultiRequest([]), "empty MultiRequest"),
        Of(new MultiReadRequest(
        [
            new MultiOp(OpCode.GetData, new GetDataRequest("/a", false)),
            new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/", false)),
        ])),
        Of(new MultiResponse(
        [
            MultiResult.Created(OpCode.Create, "/a", SampleStat),
            MultiResult.Created(OpCode.CreateTtl, "/t", SampleStat),
            MultiResult.DataSet(SampleStat),
            MultiResult.Checked(),
            MultiResult.Deleted(),
            MultiResult.Children(["x"]),
            MultiResult.Data(null, SampleStat),
            MultiResult.Error(ErrorCode.NoNode),
        ])),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void Record_survives_a_round_trip(Case testCase)
    {
        var bytes = JuteCodec.Encode(testCase.Record);

        var decoded = testCase.Decode(bytes);

        Assert.Equivalent(testCase.Record, decoded, strict: true);
        Assert.Equal(bytes, JuteCodec.Encode((IJuteWritable)decoded));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Every_truncation_of_a_record_fails_with_JuteException(Case testCase)
    {
        var bytes = JuteCodec.Encode(testCase.Record);
        var optionalTail = testCase.Record is ConnectRequest { ReadOnly: not null } or ConnectResponse { ReadOnly: not null } ? 1 : 0;

        for (var length = 0; length < bytes.Length - optionalTail; length++)
        {
            var truncated = bytes[..length];
            var e = Record.Exception(() => testCase.Decode(truncated));
            Assert.True(e is JuteException, $"{testCase.Name} cut to {length} bytes threw {e?.GetType().Name ?? "nothing"}");
        }
    }

    [Fact]
    public void Create_results_in_a_multi_are_typed_1_for_create_and_create2_and_15_for_container_and_ttl()
    {
        var stat = SampleStat;

        // Apache ZooKeeper 3.8 answers create2 inside a multi like create (checked against the real server).
        foreach (var type in new[] { OpCode.Create, OpCode.Create2 })
        {
            Assert.Equal(OpCode.Create, MultiResult.Created(type, "/a", stat).Type);
            Assert.Equal(new CreateResponse("/a"), MultiResult.Created(type, "/a", stat).Body);
        }
        foreach (var type in new[] { OpCode.CreateContainer, OpCode.CreateTtl })
        {
            var result = MultiResult.Created(type, "/a", stat);
            Assert.Equal(OpCode.Create2, result.Type);
            Assert.Equal(new Create2Response("/a", stat), result.Body);
        }
    }

    [Fact]
    public void A_failed_multi_reports_rolled_back_failed_and_skipped_ops()
    {
        var response = MultiResponse.Failed(opCount: 4, failedIndex: 1, ErrorCode.BadVersion);

        Assert.All(response.Results, r => Assert.Equal(OpCode.Error, r.Type));
        Assert.Equal(
            [ErrorCode.Ok, ErrorCode.BadVersion, ErrorCode.RuntimeInconsistency, ErrorCode.RuntimeInconsistency],
            response.Results.Select(r => r.Err));
        Assert.Equal(
            [ErrorCode.Ok, ErrorCode.BadVersion, ErrorCode.RuntimeInconsistency, ErrorCode.RuntimeInconsistency],
            response.Results.Select(r => Assert.IsType<ErrorResponse>(r.Body).Err));
    }
}
