using System.Diagnostics;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Server.Support;
using static Coordinator.Tests.Server.Support.WireOps;

namespace Coordinator.Tests.Server;

/// <summary>
/// Session lifetime on the wire: a dropped socket is not a closed session, resuming needs the right
/// password, and an expired session takes its ephemerals with it and tells the watchers.
/// </summary>
public abstract class SessionTests(IServerUnderTest target) : ServerTestBase(target)
{
    /// <summary>The shortest timeout both servers grant by default (2 x tickTime of 2 s).</summary>
    private const int ShortTimeoutMs = 4000;

    [Fact]
    public async Task A_dropped_sessions_ephemeral_stays_for_the_timeout_then_vanishes_and_its_watcher_sees_NodeDeleted()
    {
        var owner = await ConnectAsync(new WireConnectOptions(TimeoutMs: ShortTimeoutMs));
        var watcher = await ConnectAsync();
        var ephemeral = UniquePath("ephemeral");
        await owner.CreateAsync(ephemeral, mode: CreateMode.Ephemeral);
        Assert.Equal(ErrorCode.Ok, (await watcher.ExistsAsync(ephemeral, watch: true)).Err);
        Assert.Equal(ShortTimeoutMs, owner.Session.TimeOut);

        await owner.ExistsAsync(ephemeral); // the session's last sign of life
        var sinceLastPacket = Stopwatch.StartNew();
        owner.Abort();
        Assert.Equal(owner.SessionId, (await watcher.ExistsAsync(ephemeral)).Stat().EphemeralOwner);

        await watcher.EventAsync(EventType.NodeDeleted, ephemeral, timeout: TimeSpan.FromSeconds(30));
        Assert.True(sinceLastPacket.ElapsedMilliseconds >= ShortTimeoutMs - 200,
            $"the ephemeral went {sinceLastPacket.ElapsedMilliseconds} ms after the last packet, before the {ShortTimeoutMs} ms timeout");
        Assert.Equal(ErrorCode.NoNode, (await watcher.ExistsAsync(ephemeral)).Err);

        var expired = await OpenRawAsync();
        AssertInvalidSession(await expired.HandshakeAsync(new WireConnectOptions(SessionId: owner.SessionId, Password: owner.Session.Passwd)));
        await expired.WaitForCloseAsync();
    }

    [Fact]
    public async Task Resuming_with_the_session_id_and_password_keeps_the_session_and_its_ephemerals()
    {
        var first = await ConnectAsync(new WireConnectOptions(TimeoutMs: 10_000));
        var ephemeral = UniquePath("kept");
        await first.CreateAsync(ephemeral, mode: CreateMode.Ephemeral);
        first.Abort();

        var resumed = await ConnectAsync(new WireConnectOptions(TimeoutMs: 10_000, SessionId: first.SessionId, Password: first.Session.Passwd));

        Assert.Equal(first.SessionId, resumed.SessionId);
        Assert.Equal(first.Session.TimeOut, resumed.Session.TimeOut);
        Assert.Equal(first.Session.Passwd, resumed.Session.Passwd);
        Assert.Equal(first.SessionId, (await resumed.ExistsAsync(ephemeral)).Stat().EphemeralOwner);
        var another = await resumed.CreateAsync(ephemeral + "-2", mode: CreateMode.Ephemeral);
        Assert.Equal(first.SessionId, another.Stat().EphemeralOwner);
    }

    /// <summary>
    /// Apache ZooKeeper drops the session's current connection as soon as a resume names it, before it
    /// checks the password; the session itself lives on and its owner resumes with the right password.
    /// </summary>
    [Fact]
    public async Task A_wrong_password_gets_the_invalid_session_answer_and_a_close_and_the_session_lives_on()
    {
        var owner = await ConnectAsync();
        var ephemeral = UniquePath("still-mine");
        await owner.CreateAsync(ephemeral, mode: CreateMode.Ephemeral);
        var wrong = owner.Session.Passwd!.Select(b => (byte)~b).ToArray();

        var intruder = await OpenRawAsync();
        AssertInvalidSession(await intruder.HandshakeAsync(new WireConnectOptions(SessionId: owner.SessionId, Password: wrong)));
        await intruder.WaitForCloseAsync();
        await owner.WaitForCloseAsync();

        var back = await ConnectAsync(new WireConnectOptions(SessionId: owner.SessionId, Password: owner.Session.Passwd));
        Assert.Equal(owner.SessionId, back.SessionId);
        Assert.Equal(owner.SessionId, (await back.ExistsAsync(ephemeral)).Stat().EphemeralOwner);
    }

    [Fact]
    public async Task A_closed_session_cannot_be_resumed()
    {
        var owner = await ConnectAsync();
        var (id, password) = (owner.SessionId, owner.Session.Passwd);
        await owner.CloseSessionAsync();

        var late = await OpenRawAsync();
        AssertInvalidSession(await late.HandshakeAsync(new WireConnectOptions(SessionId: id, Password: password)));
        await late.WaitForCloseAsync();
    }

    [Fact]
    public async Task The_readOnly_byte_is_answered_only_when_the_client_sent_it()
    {
        var modern = await ConnectAsync();
        var legacy = await ConnectAsync(new WireConnectOptions(SendReadOnlyByte: false));

        Assert.False(modern.Session.ReadOnly);
        Assert.Null(legacy.Session.ReadOnly);
        Assert.Equal(ErrorCode.Ok, (await legacy.ExistsAsync("/")).Err);
    }

    [Fact]
    public async Task Resuming_a_session_on_a_new_connection_closes_the_old_one()
    {
        var first = await ConnectAsync();

        var second = await ConnectAsync(new WireConnectOptions(SessionId: first.SessionId, Password: first.Session.Passwd));

        await first.WaitForCloseAsync();
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(ErrorCode.Ok, (await second.ExistsAsync("/")).Err);
    }

    [Fact]
    public async Task A_client_that_has_seen_a_newer_zxid_than_the_server_is_closed_without_a_session()
    {
        var client = await OpenRawAsync();

        await Assert.ThrowsAsync<IOException>(() => client.HandshakeAsync(new WireConnectOptions(LastZxidSeen: long.MaxValue / 2)));
        await client.WaitForCloseAsync();
    }

    [Theory]
    [InlineData(1, 4000)]
    [InlineData(int.MaxValue, 40_000)]
    public async Task The_requested_timeout_is_clamped_to_two_and_twenty_ticks(int requestedMs, int grantedMs)
    {
        var client = await ConnectAsync(new WireConnectOptions(TimeoutMs: requestedMs));

        Assert.Equal(grantedMs, client.Session.TimeOut);
    }

    [Fact]
    public async Task Requests_pipelined_behind_the_handshake_are_answered_in_order_once_the_session_exists()
    {
        var client = await OpenRawAsync();
        var path = UniquePath("eager");

        var handshake = client.HandshakeAsync(new WireConnectOptions());
        var create = await client.SendAsync(OpCode.Create2, new CreateRequest(path, Utf8("early"), Acls.OpenAclUnsafe, 0));
        var read = await client.SendAsync(OpCode.GetData, new GetDataRequest(path, false));

        Assert.NotEqual(0, (await handshake).SessionId);
        var created = await client.ReplyTo(create);
        var data = await client.ReplyTo(read);
        Assert.Equal(ErrorCode.Ok, created.Err);
        Assert.Equal(Utf8("early"), data.Decode<GetDataResponse>().Data);
        Assert.True(created.ArrivalIndex < data.ArrivalIndex);
    }

    [Fact]
    public async Task Closing_a_session_deletes_its_ephemerals_at_once_tells_watchers_and_closes_the_connection()
    {
        var owner = await ConnectAsync();
        var watcher = await ConnectAsync();
        var ephemeral = UniquePath("short-lived");
        await owner.CreateAsync(ephemeral, mode: CreateMode.Ephemeral);
        await watcher.GetDataAsync(ephemeral, watch: true);

        var closed = await owner.CallAsync(OpCode.CloseSession, null);

        Assert.Equal(ErrorCode.Ok, closed.Err);
        await owner.WaitForCloseAsync();
        await watcher.EventAsync(EventType.NodeDeleted, ephemeral);
        Assert.Equal(ErrorCode.NoNode, (await watcher.ExistsAsync(ephemeral)).Err);
    }

    [Fact]
    public async Task A_ping_is_answered_under_xid_minus_2()
    {
        var client = await ConnectAsync();

        var pong = await client.ReplyTo(await client.SendAsync(Xids.Ping, OpCode.Ping, null));

        Assert.Equal((Xids.Ping, ErrorCode.Ok), (pong.Header.Xid, pong.Err));
    }

    private static void AssertInvalidSession(ConnectResponse response)
    {
        Assert.Equal(0, response.TimeOut);
        Assert.Equal(0, response.SessionId);
        Assert.Equal(new byte[ConnectResponse.PasswordLength], response.Passwd);
    }
}

[Trait("Category", "Interop")]
public sealed class SessionTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : SessionTests(server), IClassFixture<ApacheZooKeeperServer>;

public sealed class SessionTests_Coordinator(CoordinatorServer server)
    : SessionTests(server), IClassFixture<CoordinatorServer>;
