using System.Buffers.Binary;
using System.Text;
using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Server.Support;
using static Coordinator.Tests.Server.Support.WireOps;

namespace Coordinator.Tests.Server;

/// <summary>
/// Hostile or broken input: the offending connection gets the protocol's error or is closed, a
/// session opened before keeps reading and writing, and nothing committed is lost.
/// </summary>
public abstract class BadInputTests(IServerUnderTest target) : ServerTestBase(target)
{
    public static TheoryData<string, byte[]> UnreadableFirstFrames => new()
    {
        { "a short frame that is no connect request", Frame(Encoding.ASCII.GetBytes("hello")) },
        { "an HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: zk\r\n\r\n") },
        { "a length prefix beyond the maximum", [0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4] },
        { "a negative length prefix", [0xff, 0xff, 0xff, 0xf0, 1, 2, 3, 4] },
        { "a connect request cut short inside its frame", Frame(ConnectRequestBytes()[..20]) },
    };

    [Theory]
    [MemberData(nameof(UnreadableFirstFrames))]
    public async Task An_unreadable_first_frame_closes_only_that_connection(string what, byte[] bytes)
    {
        var (bystander, sentinel) = await BystanderAsync();
        var offender = await OpenRawAsync();

        await offender.SendRawAsync(bytes);

        Assert.NotNull(await offender.WaitForCloseAsync());
        await AssertStillServingAsync(bystander, sentinel, what);
    }

    [Fact]
    public async Task A_connect_request_whose_frame_never_completes_is_closed_when_the_client_stops_sending()
    {
        var (bystander, sentinel) = await BystanderAsync();
        var offender = await OpenRawAsync();
        var whole = Frame(ConnectRequestBytes());

        await offender.SendRawAsync(whole[..20]);
        offender.ShutdownSend();

        await offender.WaitForCloseAsync();
        await AssertStillServingAsync(bystander, sentinel, "truncated handshake");
    }

    [Fact]
    public async Task An_unknown_opcode_is_answered_Unimplemented_and_the_connection_closed()
    {
        var (bystander, sentinel) = await BystanderAsync();
        var offender = await ConnectAsync();

        var reply = await offender.CallAsync((OpCode)999, new SyncRequest("/"));

        Assert.Equal(ErrorCode.Unimplemented, reply.Err);
        await offender.WaitForCloseAsync();
        await AssertStillServingAsync(bystander, sentinel, "unknown opcode");
    }

    [Theory]
    [InlineData(OpCode.GetData)]
    [InlineData(OpCode.Create)]
    [InlineData(OpCode.SetData)]
    [InlineData(OpCode.Multi)]
    public async Task A_malformed_body_for_a_known_opcode_is_answered_MarshallingError_and_the_connection_stays_usable(OpCode op)
    {
        var (bystander, sentinel) = await BystanderAsync();
        var client = await ConnectAsync();

        var reply = await client.CallAsync(op, new TwoBytes());

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        await client.AssertDataAsync(sentinel, "sentinel");
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync(UniquePath("after-garbage"))).Err);
        await AssertStillServingAsync(bystander, sentinel, "malformed body");
    }

    [Fact]
    public async Task A_multi_carrying_a_read_op_is_answered_MarshallingError_and_nothing_in_it_is_applied()
    {
        var (bystander, sentinel) = await BystanderAsync();
        var client = await ConnectAsync();
        var path = UniquePath("multi-with-read");

        var reply = await client.MultiAsync(
            new MultiOp(OpCode.Create, new CreateRequest(path, [], Acls.OpenAclUnsafe, 0)),
            new MultiOp(OpCode.GetData, new GetDataRequest(sentinel, false)));

        Assert.Equal(ErrorCode.MarshallingError, reply.Err);
        Assert.Equal(ErrorCode.NoNode, (await client.ExistsAsync(path)).Err);
        await AssertStillServingAsync(bystander, sentinel, "a multi with a read op");
    }

    /// <summary>
    /// A storm of short connections. The server may refuse or reset some of them while it catches up
    /// with the closes (both cap connections per client IP); what matters is that it keeps serving.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_thousand_rapid_connects_and_disconnects_leave_the_server_serving(bool completeHandshake)
    {
        const int total = 2000;
        const int batch = 20;
        var (bystander, sentinel) = await BystanderAsync();

        var served = 0;
        for (var done = 0; done < total; done += batch)
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => ConnectAndDropAsync(completeHandshake)));
            served += outcomes.Count(ok => ok);
        }

        Assert.True(served > total / 2, $"only {served} of {total} connections were served");
        await AssertStillServingAsync(bystander, sentinel, $"{total} connects, handshake: {completeHandshake}");
    }

    /// <summary>True when the connection was accepted (and, if asked, got a session); false when refused or reset.</summary>
    private async Task<bool> ConnectAndDropAsync(bool completeHandshake)
    {
        try
        {
            await using var client = await WireClient.OpenAsync(Endpoint);
            if (completeHandshake)
                Assert.NotEqual(0, (await client.HandshakeAsync(new WireConnectOptions(TimeoutMs: 4000))).SessionId);
            client.Abort();
            return true;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>A session and a committed node, both made before the bad input arrives.</summary>
    private async Task<(WireClient Bystander, string Sentinel)> BystanderAsync()
    {
        var bystander = await ConnectAsync();
        var sentinel = UniquePath("sentinel");
        Assert.Equal(ErrorCode.Ok, (await bystander.CreateAsync(sentinel, Utf8("sentinel"))).Err);
        return (bystander, sentinel);
    }

    private static async Task AssertStillServingAsync(WireClient bystander, string sentinel, string after)
    {
        Assert.False(bystander.Closed.IsCompleted, $"the bystander's connection was closed after {after}");
        await bystander.AssertDataAsync(sentinel, "sentinel");
        var write = await bystander.SetDataAsync(sentinel, Utf8("sentinel"));
        Assert.True(write.Err == ErrorCode.Ok, $"a write after {after} answered {write.Err}");
    }

    private static byte[] ConnectRequestBytes() =>
        JuteCodec.Encode(new ConnectRequest(0, 0, 30_000, 0, new byte[ConnectResponse.PasswordLength], false));

    private static byte[] Frame(byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>A body too short for any request that carries a path.</summary>
    private sealed record TwoBytes : ZkRequest
    {
        public override void Write(ref JuteWriter writer)
        {
            writer.WriteByte(0);
            writer.WriteByte(1);
        }
    }
}

[Trait("Category", "Interop")]
public sealed class BadInputTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : BadInputTests(server), IClassFixture<ApacheZooKeeperServer>;

public sealed class BadInputTests_Coordinator(CoordinatorServer server)
    : BadInputTests(server), IClassFixture<CoordinatorServer>;
