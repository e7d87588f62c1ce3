using System.Text;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Server.Support;

/// <summary>One-line calls for the common requests, so tests read as the operations they perform.</summary>
public static class WireOps
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>create2 by default (the reply carries the Stat); pass <paramref name="op"/> for create (1) or createContainer.</summary>
    public static Task<WireReply> CreateAsync(this WireClient client, string path, byte[]? data = null,
        CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null, OpCode op = OpCode.Create2) =>
        client.CallAsync(op, new CreateRequest(path, data ?? [], acl ?? Acls.OpenAclUnsafe, (int)mode));

    public static Task<WireReply> CreateWithFlagsAsync(this WireClient client, string path, int flags) =>
        client.CallAsync(OpCode.Create2, new CreateRequest(path, [], Acls.OpenAclUnsafe, flags));

    public static Task<WireReply> ExistsAsync(this WireClient client, string path, bool watch = false) =>
        client.CallAsync(OpCode.Exists, new ExistsRequest(path, watch));

    public static Task<WireReply> GetDataAsync(this WireClient client, string path, bool watch = false) =>
        client.CallAsync(OpCode.GetData, new GetDataRequest(path, watch));

    public static Task<WireReply> SetDataAsync(this WireClient client, string path, byte[]? data, int version = -1) =>
        client.CallAsync(OpCode.SetData, new SetDataRequest(path, data, version));

    public static Task<WireReply> DeleteAsync(this WireClient client, string path, int version = -1) =>
        client.CallAsync(OpCode.Delete, new DeleteRequest(path, version));

    public static Task<WireReply> GetChildrenAsync(this WireClient client, string path, bool watch = false) =>
        client.CallAsync(OpCode.GetChildren, new GetChildrenRequest(path, watch));

    public static Task<WireReply> GetAclAsync(this WireClient client, string path) =>
        client.CallAsync(OpCode.GetAcl, new GetACLRequest(path));

    public static Task<WireReply> SetAclAsync(this WireClient client, string path, IReadOnlyList<Acl> acl, int version = -1) =>
        client.CallAsync(OpCode.SetAcl, new SetACLRequest(path, acl, version));

    public static Task<WireReply> MultiAsync(this WireClient client, params MultiOp[] ops) =>
        client.CallAsync(OpCode.Multi, new MultiRequest(ops));

    /// <summary>addauth digest user:password (xid -4).</summary>
    public static async Task<WireReply> AddDigestAuthAsync(this WireClient client, string userPassword) =>
        await client.ReplyTo(await client.SendAsync(Xids.Auth, OpCode.Auth, new AuthPacket(0, "digest", Utf8(userPassword))));

    /// <summary>The reply's Stat for exists / getData / setData / create2; fails on an error reply.</summary>
    public static Stat Stat(this WireReply reply)
    {
        Assert.True(reply.Err == ErrorCode.Ok, $"{reply.Op} answered {reply.Err}");
        return reply.Decode<ZkResponse>() switch
        {
            ExistsResponse r => r.Stat,
            GetDataResponse r => r.Stat,
            SetDataResponse r => r.Stat,
            Create2Response r => r.Stat,
            SetACLResponse r => r.Stat,
            var other => throw new InvalidOperationException($"{other.GetType().Name} carries no Stat"),
        };
    }

    /// <summary>Reads back the node's data and asserts it, so a "nothing lost" check is one line.</summary>
    public static async Task AssertDataAsync(this WireClient client, string path, string expected)
    {
        var reply = await client.GetDataAsync(path);
        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(expected, Encoding.UTF8.GetString(reply.Decode<GetDataResponse>().Data ?? []));
    }
}
