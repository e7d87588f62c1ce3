using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Coordinator.Protocol;

namespace Coordinator.Tests.Txns;

public sealed class TxnCodecTests
{
    private static readonly TxnHeader Header = new(SessionId: 0x1234_5678_9ABC, Cxid: 42, Zxid: (3L << 32) | 7, TimeMs: 1_700_000_000_123);

    private static readonly IReadOnlyList<Acl> DigestAcl =
        [new Acl(Perms.Read | Perms.Admin, new Id("digest", "bob:hash=")), new Acl(Perms.All, Id.Anyone)];

    public static TheoryData<string, Txn> EveryTxnType => new()
    {
        { "create", new CreateTxn("/a/b", [1, 2, 3], DigestAcl, 0x55, 7) },
        { "create with null data", new CreateTxn("/a", null, Acls.OpenAclUnsafe, EphemeralOwner.Container, 1) },
        { "create ttl", new CreateTxn("/t", [], Acls.OpenAclUnsafe, EphemeralOwner.ForTtl(5000), -2147483648) },
        { "delete", new DeleteTxn("/a/ü") },
        { "setData", new SetDataTxn("/a", [9], 3) },
        { "setData null", new SetDataTxn("/a", null, int.MinValue) },
        { "setAcl", new SetAclTxn("/a", DigestAcl, 4) },
        { "check", new CheckVersionTxn("/a", -1) },
        { "error", new ErrorTxn(ErrorCode.NoNode) },
        { "multi", new MultiTxn([new CreateTxn("/m", [], Acls.OpenAclUnsafe, 0, 1), new DeleteTxn("/n"), new CheckVersionTxn("/o", 2)]) },
        { "failed multi", new MultiTxn([new ErrorTxn(ErrorCode.Ok), new ErrorTxn(ErrorCode.BadVersion), new ErrorTxn(ErrorCode.RuntimeInconsistency)]) },
        { "empty multi", new MultiTxn([]) },
        { "createSession", new CreateSessionTxn(30_000, [0xDE, 0xAD, 0xBE, 0xEF]) },
        { "closeSession", new CloseSessionTxn(0x77, ["/e1", "/x/e2"]) },
        { "deleteContainer", new DeleteContainerTxn("/c") },
    };

    [Theory]
    [MemberData(nameof(EveryTxnType))]
    public void Every_txn_type_round_trips_with_its_header(string name, Txn txn)
    {
        var bytes = TxnCodec.Encode(Header, txn);

        var (header, decoded) = TxnCodec.Decode(bytes);

        Assert.Equal(Header, header);
        Assert.Equal(txn.GetType(), decoded.GetType());
        Assert.Equal(bytes, TxnCodec.Encode(header, decoded));
        Assert.Equal(Describe(txn), Describe(decoded));
        _ = name;
    }

    [Fact]
    public void Layout_is_version_then_big_endian_header_then_tag_and_body()
    {
        var bytes = TxnCodec.Encode(new TxnHeader(1, 2, 3, 4), new DeleteTxn("/a"));

        byte[] expected =
        [
            1,
            0, 0, 0, 0, 0, 0, 0, 1,
            0, 0, 0, 2,
            0, 0, 0, 0, 0, 0, 0, 3,
            0, 0, 0, 0, 0, 0, 0, 4,
            2,
            0, 0, 0, 2, (byte)'/', (byte)'a',
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Every_truncation_of_a_txn_is_rejected_as_corrupt()
    {
        var bytes = TxnCodec.Encode(Header, new MultiTxn([new CreateTxn("/m", [1], DigestAcl, 0, 1), new SetDataTxn("/m", [2], 1)]));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<CorruptRecordException>(() => TxnCodec.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Trailing_bytes_are_rejected_as_corrupt()
    {
        var bytes = TxnCodec.Encode(Header, new DeleteTxn("/a")).Append((byte)0).ToArray();

        Assert.Throws<CorruptRecordException>(() => TxnCodec.Decode(bytes));
    }

    [Fact]
    public void Unknown_format_version_is_rejected_as_corrupt()
    {
        var bytes = TxnCodec.Encode(Header, new DeleteTxn("/a"));
        bytes[0] = 99;

        var error = Assert.Throws<CorruptRecordException>(() => TxnCodec.Decode(bytes));
        Assert.Contains("version", error.Message);
    }

    [Fact]
    public void Unknown_body_tag_is_rejected_as_corrupt()
    {
        var bytes = TxnCodec.Encode(Header, new DeleteTxn("/a"));
        bytes[29] = 200;

        var error = Assert.Throws<CorruptRecordException>(() => TxnCodec.Decode(bytes));
        Assert.Contains("tag", error.Message);
    }

    [Fact]
    public void A_multi_nested_in_a_multi_is_rejected_in_both_directions()
    {
        var nested = new MultiTxn([new MultiTxn([])]);
        Assert.Throws<ArgumentException>(() => TxnCodec.Encode(Header, nested));

        // A one-op multi whose op tag (offset 34: 29 header bytes, multi tag, i32 count) is turned into "multi".
        var bytes = TxnCodec.Encode(Header, new MultiTxn([new ErrorTxn(ErrorCode.Ok)]));
        bytes[34] = bytes[29];
        Assert.Throws<CorruptRecordException>(() => TxnCodec.Decode(bytes));
    }

    [Fact]
    public void An_impossible_string_length_is_rejected_without_allocating()
    {
        var bytes = TxnCodec.Encode(Header, new DeleteTxn("/a"));
        bytes[30] = 0x7F;

        Assert.Throws<CorruptRecordException>(() => TxnCodec.Decode(bytes));
    }

    /// <summary>A structural rendering, so byte arrays and lists compare by content.</summary>
    private static string Describe(Txn txn) => txn switch
    {
        CreateTxn c => $"create {c.Path} {Bytes(c.Data)} {Acl(c.Acl)} {c.EphemeralOwner} {c.ParentChildCreates}",
        SetDataTxn s => $"set {s.Path} {Bytes(s.Data)} {s.NewVersion}",
        SetAclTxn a => $"acl {a.Path} {Acl(a.Acl)} {a.NewAversion}",
        MultiTxn m => "multi[" + string.Join(";", m.Ops.Select(Describe)) + "]",
        CreateSessionTxn s => $"session {s.TimeoutMs} {Bytes(s.Password)}",
        CloseSessionTxn c => $"close {c.SessionId} {string.Join(",", c.EphemeralPaths)}",
        _ => txn.ToString(),
    };

    private static string Bytes(byte[]? data) => data is null ? "null" : Convert.ToHexString(data);

    private static string Acl(IReadOnlyList<Acl> acl) => string.Join(",", acl);
}
