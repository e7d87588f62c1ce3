using Coordinator.Client.Api;
using Coordinator.Client.Session;
using Coordinator.Client.Watches;
using Coordinator.Protocol;
using Coordinator.Protocol.Jute;
using Coordinator.Protocol.Records;

namespace Coordinator.Tests.Client;

/// <summary>Connection loss, resumption and protocol breaches, against a scripted member.</summary>
public sealed class ConnectionLifecycleTests
{
    private const long Session = 0x5eed;
    private static readonly Stat SomeStat = new(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    private static T Body<T>(byte[] body) where T : IJuteRecord<T>
    {
        var reader = new JuteReader(body);
        return T.Read(ref reader);
    }

    [Fact]
    public async Task In_flight_requests_fail_with_connection_loss_and_the_session_resumes_with_its_last_zxid()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, ClientTesting.SessionTimeout);
        using (var first = await member.AcceptAsync(Session))
        {
            await using var client = await connecting.Within();
            var answered = client.SetDataAsync("/a", [1]);
            var (setData, _) = await first.ReceiveAsync();
            await first.ReplyAsync(setData.Xid, zxid: 42, ErrorCode.Ok, new SetDataResponse(SomeStat));
            await answered.Within();
            var lost = client.GetDataAsync("/b");
            await first.ReceiveAsync();

            first.Dispose();

            var error = await Assert.ThrowsAsync<ConnectionLossException>(() => lost.Within());
            Assert.Equal("/b", error.Path);
            using var second = await member.AcceptAsync(Session);
            Assert.Equal(Session, second.Hello.SessionId);
            Assert.Equal(42, second.Hello.LastZxidSeen);
        }
    }

    [Fact]
    public async Task After_a_reconnect_watches_are_re_set_before_the_requests_made_while_disconnected()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, ClientTesting.SessionTimeout);
        var first = await member.AcceptAsync(Session);
        await using var client = await connecting.Within();
        var fired = new TaskCompletionSource<WatchedEvent>();
        var watching = client.GetDataAsync("/w", e => fired.TrySetResult(e));
        var (getData, _) = await first.ReceiveAsync();
        await first.ReplyAsync(getData.Xid, 7, ErrorCode.Ok, new GetDataResponse(null, SomeStat));
        await watching.Within();
        var disconnected = client.StateChangesAsync().FirstAsync(s => s == ConnectionState.Disconnected).AsTask();

        first.Dispose();
        await disconnected.Within();
        var queued = client.ExistsAsync("/later");
        using var second = await member.AcceptAsync(Session);

        var (reRegister, reRegisterBody) = await second.ReceiveAsync();
        Assert.Equal((Xids.SetWatches, OpCode.SetWatches), (reRegister.Xid, reRegister.Type));
        var setWatches = Body<SetWatches>(reRegisterBody);
        Assert.Equal(7L, setWatches.RelativeZxid);
        Assert.Equal(["/w"], setWatches.DataWatches);
        var (exists, _) = await second.ReceiveAsync();
        Assert.Equal(OpCode.Exists, exists.Type);
        await second.NotifyAsync(EventType.NodeDataChanged, "/w");
        await second.ReplyAsync(exists.Xid, 8, ErrorCode.NoNode);
        Assert.Null(await queued.Within());
        Assert.True(fired.Task.IsCompletedSuccessfully, "the event preceding the reply was delivered first");
    }

    [Fact]
    public async Task A_reply_that_does_not_answer_the_oldest_request_drops_the_connection()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, ClientTesting.SessionTimeout);
        using var first = await member.AcceptAsync(Session);
        await using var client = await connecting.Within();
        var older = client.ExistsAsync("/older");
        var newer = client.ExistsAsync("/newer");
        await first.ReceiveAsync();
        var (second, _) = await first.ReceiveAsync();

        await first.ReplyAsync(second.Xid, 3, ErrorCode.NoNode);

        await Assert.ThrowsAsync<ConnectionLossException>(() => older.Within());
        await Assert.ThrowsAsync<ConnectionLossException>(() => newer.Within());
        using var again = await member.AcceptAsync(Session);
        Assert.Equal(Session, again.Hello.SessionId);
    }

    [Fact]
    public async Task A_member_refusing_the_session_on_reconnect_expires_the_client_and_fails_waiting_requests()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, ClientTesting.SessionTimeout);
        var first = await member.AcceptAsync(Session);
        await using var client = await connecting.Within();
        var expired = client.StateChangesAsync().LastAsync().AsTask();
        var disconnected = client.StateChangesAsync().FirstAsync(s => s == ConnectionState.Disconnected).AsTask();

        first.Dispose();
        await disconnected.Within();
        var waiting = client.GetChildrenAsync("/queued");
        using var refused = await member.AcceptAsync(Session, timeoutMs: 0);

        Assert.Equal(ConnectionState.Expired, await expired.Within());
        var error = await Assert.ThrowsAsync<SessionExpiredException>(() => waiting.Within());
        Assert.Equal("/queued", error.Path);
    }

    [Fact]
    public async Task Rejected_credentials_leave_the_client_in_auth_failed_for_good()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, ClientTesting.SessionTimeout);
        using var first = await member.AcceptAsync(Session);
        await using var client = await connecting.Within();
        var final = client.StateChangesAsync().LastAsync().AsTask();

        var auth = client.AddDigestAuthAsync("mallory", "guess");
        var (header, body) = await first.ReceiveAsync();
        Assert.Equal((Xids.Auth, OpCode.Auth), (header.Xid, header.Type));
        Assert.Equal("digest", Body<AuthPacket>(body).Scheme);
        await first.ReplyAsync(Xids.Auth, 0, ErrorCode.AuthFailed);

        await Assert.ThrowsAsync<AuthFailedException>(() => auth.Within());
        Assert.Equal(ConnectionState.AuthFailed, await final.Within());
        await Assert.ThrowsAsync<AuthFailedException>(() => client.ExistsAsync("/"));
    }

    [Fact]
    public async Task A_client_that_accepts_read_only_members_reports_connected_read_only()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, ClientTesting.SessionTimeout,
            new CoordinatorClientOptions { CanBeReadOnly = true });
        using var first = await member.AcceptAsync(Session, readOnly: true);

        await using var client = await connecting.Within();

        Assert.True(first.Hello.ReadOnly);
        Assert.Equal(ConnectionState.ConnectedReadOnly, client.State);
    }

    [Fact]
    public async Task A_member_that_stops_answering_is_pinged_then_abandoned_for_a_new_connection()
    {
        using var member = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync(member.ConnectString, TimeSpan.FromSeconds(3));
        using var silent = await member.AcceptAsync(Session, timeoutMs: 3000);
        await using var client = await connecting.Within();

        var (ping, _) = await silent.ReceiveAsync(includePings: true);
        using var next = await member.AcceptAsync(Session, timeoutMs: 3000);

        Assert.Equal((Xids.Ping, OpCode.Ping), (ping.Xid, ping.Type));
        Assert.Equal(Session, next.Hello.SessionId);
    }

    [Fact]
    public async Task On_connection_loss_the_client_moves_to_the_next_member_with_the_same_session()
    {
        using var one = new ScriptedMember();
        using var two = new ScriptedMember();
        var connecting = CoordinatorClient.ConnectAsync($"{one.ConnectString},{two.ConnectString}", ClientTesting.SessionTimeout);
        var onOne = one.AcceptAsync(Session);
        var onTwo = two.AcceptAsync(Session);
        var firstAccepted = await Task.WhenAny(onOne, onTwo);
        using var first = await firstAccepted;
        await using var client = await connecting.Within();
        var write = client.CreateAsync("/x");
        var (create, _) = await first.ReceiveAsync();
        await first.ReplyAsync(create.Xid, 77, ErrorCode.Ok, new Create2Response("/x", SomeStat));
        await write.Within();

        first.Dispose();

        using var next = await (firstAccepted == onOne ? onTwo : onOne);
        Assert.Equal(Session, next.Hello.SessionId);
        Assert.Equal(77, next.Hello.LastZxidSeen);
    }
}
