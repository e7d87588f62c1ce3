using Coordinator.Client.Api;
using Coordinator.Client.Transactions;
using Coordinator.Protocol;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>The fluent multi builder: all ops or none, one result per op, the failing op named.</summary>
public abstract class TransactionTests(IServerUnderTest target)
{
    [Fact]
    public async Task A_transaction_applies_every_op_and_reports_each_result()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("multi-ok");
        await client.CreateAsync(p, [0]);

        var results = await client.Transaction()
            .Check(p, version: 0)
            .Create(p + "/a", [1])
            .Create(p + "/seq-", mode: CreateMode.PersistentSequential)
            .SetData(p, [2], version: 0)
            .Delete(p + "/a")
            .CommitAsync();

        Assert.IsType<CheckOpResult>(results[0]);
        Assert.Equal(p + "/a", Assert.IsType<CreateOpResult>(results[1]).Path);
        Assert.Matches(@"/seq-\d{10}$", Assert.IsType<CreateOpResult>(results[2]).Path);
        Assert.Equal(1, Assert.IsType<SetDataOpResult>(results[3]).Stat.Version);
        Assert.IsType<DeleteOpResult>(results[4]);
        Assert.Null(await client.ExistsAsync(p + "/a"));
        Assert.Equal([2], (await client.GetDataAsync(p)).Data);
    }

    [Fact]
    public async Task A_failing_op_throws_its_typed_exception_and_nothing_is_applied()
    {
        await using var client = await ClientTesting.ConnectAsync(target);
        var p = ClientTesting.UniquePath("multi-fail");
        await client.CreateAsync(p);

        var failure = await Assert.ThrowsAsync<NodeExistsException>(() => client.Transaction()
            .Create(p + "/new")
            .Create(p)
            .SetData(p, [9])
            .CommitAsync());

        Assert.Equal(p, failure.Path);
        Assert.Equal(
            [new ErrorOpResult(ErrorCode.Ok), new ErrorOpResult(ErrorCode.NodeExists), new ErrorOpResult(ErrorCode.RuntimeInconsistency)],
            failure.Results);
        Assert.Null(await client.ExistsAsync(p + "/new"));
        Assert.Equal(0, (await client.ExistsAsync(p))?.Version);
    }
}

[Trait("Category", "Interop")]
public sealed class TransactionTests_ApacheZooKeeper(ApacheZooKeeperServer server)
    : TransactionTests(server), IClassFixture<ApacheZooKeeperServer>;

[Trait("Category", "Interop")]
public sealed class TransactionTests_Coordinator(CoordinatorServer server)
    : TransactionTests(server), IClassFixture<CoordinatorServer>;
