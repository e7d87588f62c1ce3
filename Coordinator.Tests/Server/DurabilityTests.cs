using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Interop.Servers;
using Coordinator.Tests.Server.Support;
using static Coordinator.Tests.Server.Support.WireOps;

namespace Coordinator.Tests.Server;

/// <summary>
/// Coordinator only (it needs SIGKILL on the real process): every acknowledged write survives a crash,
/// Stat for Stat, and so do sessions.
/// </summary>
public sealed class DurabilityTests(CoordinatorServer server) : ServerTestBase(server), IClassFixture<CoordinatorServer>
{
    private const int Creates = 500;
    private const int Updates = 150;

    [Fact]
    public async Task Every_acknowledged_write_survives_SIGKILL_with_its_exact_Stat_and_the_session_survives_too()
    {
        var root = UniquePath("durable");
        var writer = await ConnectAsync();
        var holder = await ConnectAsync(new WireConnectOptions(TimeoutMs: 30_000));
        var ephemeral = root + "-ephemeral";
        Assert.Equal(ErrorCode.Ok, (await writer.CreateAsync(root)).Err);
        Assert.Equal(ErrorCode.Ok, (await holder.CreateAsync(ephemeral, mode: CreateMode.Ephemeral)).Err);

        var paths = Enumerable.Range(0, Creates).Select(i => $"{root}/n{i:D4}").ToArray();
        var creates = new List<PendingCall>();
        foreach (var (path, i) in paths.Select((p, i) => (p, i)))
            creates.Add(await writer.SendAsync(OpCode.Create2, new CreateRequest(path, Utf8($"v0-{i}"), Acls.OpenAclUnsafe, 0)));
        var updates = new List<PendingCall>();
        for (var i = 0; i < Updates; i++)
            updates.Add(await writer.SendAsync(OpCode.SetData, new SetDataRequest(paths[i % 50], Utf8($"v{1 + i / 50}-{i % 50}"), -1)));
        var acked = new Dictionary<string, Stat>();
        foreach (var (call, path) in creates.Zip(paths))
            acked[path] = (await writer.ReplyTo(call)).Stat();
        for (var i = 0; i < Updates; i++)
            acked[paths[i % 50]] = (await writer.ReplyTo(updates[i])).Stat();
        var expectedData = paths.Select((p, i) => i < 50 ? $"v{Updates / 50}-{i}" : $"v0-{i}").ToArray();

        await server.KillAsync();
        await server.StartAsync();

        var reader = await ConnectAsync();
        var reads = new List<PendingCall>();
        foreach (var path in paths)
            reads.Add(await reader.SendAsync(OpCode.GetData, new GetDataRequest(path, false)));
        for (var i = 0; i < paths.Length; i++)
        {
            var reply = await reader.ReplyTo(reads[i]);
            Assert.True(reply.Err == ErrorCode.Ok, $"{paths[i]} answered {reply.Err} after the restart\n{server.Console}");
            var read = reply.Decode<GetDataResponse>();
            Assert.Equal(acked[paths[i]], read.Stat);
            Assert.Equal(expectedData[i], System.Text.Encoding.UTF8.GetString(read.Data!));
        }
        Assert.Equal(Creates, (await reader.ExistsAsync(root)).Stat().NumChildren);

        var resumed = await ConnectAsync(new WireConnectOptions(TimeoutMs: 30_000, SessionId: holder.SessionId, Password: holder.Session.Passwd));
        Assert.Equal(holder.SessionId, resumed.SessionId);
        Assert.Equal(holder.SessionId, (await resumed.ExistsAsync(ephemeral)).Stat().EphemeralOwner);
    }
}
