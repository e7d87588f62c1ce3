using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>Many requests in flight on one connection, answered by xid in the order they were made.</summary>
public abstract class PipeliningTests(IServerUnderTest target)
{
    private const int InFlight = 10_000;

    [Fact]
    public async Task Ten_thousand_creates_in_flight_are_all_answered_in_the_order_they_were_sent()
    {
        await using var client = await ClientTesting.ConnectAsync(target, sessionTimeout: TimeSpan.FromSeconds(30));
        var p = ClientTesting.UniquePath("pipeline");
        await client.CreateAsync(p);

        // Every create is issued before any answer is awaited.
        var creates = Enumerable.Range(0, InFlight)
            .Select(_ => client.CreateAsync(p + "/n-", mode: CreateMode.PersistentSequential))
            .ToArray();
        var results = await Task.WhenAll(creates).Within();

        // The server numbers children in the order it applies the creates, so the i-th request sent
        // must carry sequence number i; each reply's zxid must also grow with the send order.
        for (var i = 0; i < InFlight; i++)
            Assert.Equal($"{p}/n-{i:D10}", results[i].Path);
        Assert.True(results.Zip(results.Skip(1)).All(pair => pair.First.Stat.Czxid < pair.Second.Stat.Czxid));
        Assert.Equal(InFlight, await client.GetAllChildrenNumberAsync(p));
    }
}

[Trait("Category", "Interop")]
public sealed class PipeliningTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : PipeliningTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class PipeliningTests_Coordinator(CoordinatorServer server)
    : PipeliningTests(server), IClassFixture<CoordinatorServer>;
