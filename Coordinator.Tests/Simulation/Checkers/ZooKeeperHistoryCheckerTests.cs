using Coordinator.Protocol;

namespace Coordinator.Tests.Simulation.Checkers;

public class ZooKeeperHistoryCheckerTests
{
    private static Operation<ZkInput, ZkOutput> Done(int client, long call, long ret, ZkInput input, ZkOutput output) =>
        Op.Done(client, call, input, ret, output);

    private static Operation<ZkInput, ZkOutput> Created(int client, long call, long ret, string data = "a", string path = "/n") =>
        Done(client, call, ret, new ZkCreate(path, data), ZkOutput.Ok());

    private static Operation<ZkInput, ZkOutput> Set(int client, long call, long ret, string data, int newVersion, string path = "/n") =>
        Done(client, call, ret, new ZkSetData(path, data), ZkOutput.WithVersion(newVersion));

    private static Operation<ZkInput, ZkOutput> Got(int client, long call, long ret, string data, int version, string path = "/n") =>
        Done(client, call, ret, new ZkGetData(path), ZkOutput.WithData(data, version));

    private static ZooKeeperCheckResult Check(params Operation<ZkInput, ZkOutput>[] history) => ZooKeeperHistoryChecker.Check(history);

    [Fact]
    public void Another_client_may_read_a_stale_value_after_a_write_completed()
    {
        var result = Check(
            Created(client: 1, call: 0, ret: 1, data: "a"),
            Got(client: 2, call: 2, ret: 3, data: "a", version: 0),
            Set(client: 1, call: 4, ret: 5, data: "b", newVersion: 1),
            Got(client: 2, call: 6, ret: 7, data: "a", version: 0),
            Got(client: 2, call: 8, ret: 9, data: "b", version: 1));

        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void A_client_reading_older_than_its_previous_read_is_rejected()
    {
        var result = Check(
            Created(client: 1, call: 0, ret: 1, data: "a"),
            Set(client: 1, call: 2, ret: 3, data: "b", newVersion: 1),
            Got(client: 2, call: 4, ret: 5, data: "b", version: 1),
            Got(client: 2, call: 6, ret: 7, data: "a", version: 0));

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.StartsWith("Read goes back in time: #3 client 2 [6..7] getData /n -> 'a' v0", result.Violation!.Reason);
        Assert.Contains("its earlier read #2", result.Violation.Reason);
        Assert.Equal([3, 2, 0], result.Violation.OperationIndices);
    }

    [Fact]
    public void A_client_reading_older_than_its_own_write_is_rejected()
    {
        var result = Check(
            Created(client: 1, call: 0, ret: 1, data: "a"),
            Set(client: 2, call: 2, ret: 3, data: "b", newVersion: 1),
            Got(client: 2, call: 4, ret: 5, data: "a", version: 0));

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.Contains("its own write #1", result.Violation!.Reason);
    }

    [Fact]
    public void A_client_that_never_saw_the_node_may_still_find_it_missing()
    {
        var result = Check(
            Created(client: 1, call: 0, ret: 1),
            Done(client: 2, call: 2, ret: 3, new ZkExists("/n"), ZkOutput.Failed(ErrorCode.NoNode)),
            Done(client: 2, call: 4, ret: 5, new ZkExists("/n"), ZkOutput.WithVersion(0)));

        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void A_node_nobody_wrote_can_only_be_read_as_missing()
    {
        Assert.Equal(Verdict.Ok, Check(Done(client: 1, call: 0, ret: 1, new ZkExists("/ghost"), ZkOutput.Failed(ErrorCode.NoNode))).Verdict);

        var result = Check(Got(client: 1, call: 0, ret: 1, data: "boo", version: 0, path: "/ghost"));

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.StartsWith("Read returns a state no prefix of the write order produces: #0", result.Violation!.Reason);
    }

    [Fact]
    public void A_read_cannot_see_a_write_that_was_called_after_the_read_returned()
    {
        var result = Check(
            Got(client: 2, call: 0, ret: 1, data: "a", version: 0),
            Created(client: 1, call: 2, ret: 3, data: "a"));

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.StartsWith("Read sees the future", result.Violation!.Reason);
        Assert.EndsWith("which was called at 2, after the read returned at 1.", result.Violation.Reason);
    }

    [Fact]
    public void Failed_writes_are_part_of_the_linearizable_order()
    {
        // The second create cannot succeed: the first one finished before it was called.
        var doubleCreate = Check(
            Created(client: 1, call: 0, ret: 1),
            Created(client: 2, call: 2, ret: 3));
        Assert.Equal(Verdict.Violated, doubleCreate.Verdict);
        Assert.StartsWith("Writes are not linearizable.", doubleCreate.Violation!.Reason);
        Assert.Equal([0, 1], doubleCreate.Violation.OperationIndices);

        var conditional = Check(
            Created(client: 1, call: 0, ret: 1),
            Done(client: 2, call: 2, ret: 3, new ZkSetData("/n", "b", ExpectedVersion: 0), ZkOutput.WithVersion(1)),
            Done(client: 3, call: 4, ret: 5, new ZkSetData("/n", "c", ExpectedVersion: 0), ZkOutput.Failed(ErrorCode.BadVersion)),
            Done(client: 3, call: 6, ret: 7, new ZkDelete("/n", ExpectedVersion: 1), ZkOutput.Ok()),
            Done(client: 1, call: 8, ret: 9, new ZkCreate("/n", "d"), ZkOutput.Ok()));
        Assert.Equal(Verdict.Ok, conditional.Verdict);
        Assert.Equal([0, 1, 2, 3, 4], conditional.Writes.Orders["/n"]);
    }

    [Fact]
    public void A_failed_write_observes_state_like_a_read()
    {
        // Client 2 saw version 1, so its conditional write expecting v1 cannot then fail for version mismatch
        // as if the node were still at v0; before it saw v1 it could.
        Operation<ZkInput, ZkOutput> MismatchExpectingV1(long call) =>
            Done(client: 2, call, call + 1, new ZkSetData("/n", "c", ExpectedVersion: 1), ZkOutput.Failed(ErrorCode.BadVersion));

        var afterSeeingV1 = Check(
            Created(client: 1, call: 0, ret: 1),
            Set(client: 1, call: 2, ret: 10, data: "b", newVersion: 1),
            Got(client: 2, call: 3, ret: 4, data: "b", version: 1),
            MismatchExpectingV1(call: 5));
        var beforeSeeingIt = Check(
            Created(client: 1, call: 0, ret: 1),
            Set(client: 1, call: 2, ret: 10, data: "b", newVersion: 1),
            MismatchExpectingV1(call: 3),
            Got(client: 2, call: 5, ret: 6, data: "b", version: 1));

        // The failed write needs v0, so it comes before the setData in every write order; the read of v1 then
        // depends on a write called after the read returned.
        Assert.Equal(Verdict.Violated, afterSeeingV1.Verdict);
        Assert.StartsWith("Read sees the future: #2 client 2", afterSeeingV1.Violation!.Reason);
        Assert.Equal([2, 1, 3], afterSeeingV1.Violation.OperationIndices);
        Assert.Equal(Verdict.Ok, beforeSeeingIt.Verdict);
    }

    [Fact]
    public void A_failed_write_does_not_make_its_client_see_a_write_it_was_merely_concurrent_with()
    {
        // The search places the failing setData after the concurrent successful one; it could as well go first,
        // so client 2 has not necessarily seen v1 and may still read v0.
        var result = Check(
            Created(client: 1, call: 0, ret: 1, data: "a"),
            Set(client: 1, call: 2, ret: 10, data: "b", newVersion: 1),
            Done(client: 2, call: 3, ret: 9, new ZkSetData("/n", "c", ExpectedVersion: 5), ZkOutput.Failed(ErrorCode.BadVersion)),
            Got(client: 2, call: 11, ret: 12, data: "a", version: 0));

        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal([0, 1, 2], result.Writes.Orders["/n"]);
    }

    [Fact]
    public void A_write_whose_answer_was_lost_may_or_may_not_have_happened()
    {
        Operation<ZkInput, ZkOutput> LostSet() => Op.Pending<ZkInput, ZkOutput>(2, 2, new ZkSetData("/n", "b"));

        Assert.Equal(Verdict.Ok, Check(Created(1, 0, 1), LostSet(), Got(3, 10, 11, "a", 0)).Verdict);
        Assert.Equal(Verdict.Ok, Check(Created(1, 0, 1), LostSet(), Got(3, 10, 11, "b", 1)).Verdict);
        Assert.Equal(Verdict.Violated, Check(Created(1, 0, 1), LostSet(), Got(3, 10, 11, "b", 2)).Verdict);
    }

    [Fact]
    public void Paths_are_independent_and_reads_of_each_are_checked_against_its_own_writes()
    {
        var result = Check(
            Created(client: 1, call: 0, ret: 1, data: "x", path: "/a"),
            Created(client: 1, call: 2, ret: 3, data: "y", path: "/b"),
            Got(client: 2, call: 4, ret: 5, data: "y", version: 0, path: "/b"),
            Done(client: 2, call: 6, ret: 7, new ZkGetData("/a"), ZkOutput.Failed(ErrorCode.NoNode)),
            Got(client: 2, call: 8, ret: 9, data: "y", version: 0, path: "/a"));

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.StartsWith("Read returns a state no prefix of the write order produces: #4", result.Violation!.Reason);
        Assert.Equal(["/a", "/b"], result.Writes.Orders.Keys);
    }

    [Fact]
    public void A_history_of_thousands_of_operations_from_a_correct_ensemble_is_accepted_quickly()
    {
        var history = ZooKeeperHistoryGenerator.Generate(new Random(7), operations: 4000, clients: 12, paths: 6);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = ZooKeeperHistoryChecker.Check(history, new CheckOptions(MaxSteps: 200_000));

        Assert.True(result.IsConsistent, result.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_single_read_going_back_one_version_in_a_long_history_is_found()
    {
        var history = ZooKeeperHistoryGenerator.Generate(new Random(11), operations: 3000, clients: 8, paths: 4, deletes: false).ToList();
        Assert.Equal(Verdict.Ok, ZooKeeperHistoryChecker.Check(history).Verdict);

        // Without deletes versions only grow, so answering with the version before one already seen is a step back.
        var (first, second) = FindTwoReadsOfOneClient(history);
        var seen = history[first].Output;
        var previous = DataOfVersion(history, history[first].Input.Path, seen.Version - 1);
        history[second] = history[second] with { Output = ZkOutput.WithData(previous, seen.Version - 1) };

        var result = ZooKeeperHistoryChecker.Check(history);

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.StartsWith($"Read goes back in time: #{second} ", result.Violation!.Reason);
    }

    private static (int First, int Second) FindTwoReadsOfOneClient(List<Operation<ZkInput, ZkOutput>> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i] is not { Input: ZkGetData, Output: { Error: ErrorCode.Ok, Version: >= 1 } } read)
                continue;
            for (var j = i + 1; j < history.Count; j++)
                if (history[j].ClientId == read.ClientId && history[j].Input == read.Input && history[j].Call > read.Return)
                    return (i, j);
        }
        throw new InvalidOperationException("the generated history has no two reads of one node by one client");
    }

    private static string DataOfVersion(List<Operation<ZkInput, ZkOutput>> history, string path, int version) =>
        history.Single(op => op.Input.Path == path && op.Output.Error == ErrorCode.Ok && op.Input switch
        {
            ZkCreate => version == 0,
            ZkSetData => op.Output.Version == version,
            _ => false,
        }).Input switch
        {
            ZkCreate create => create.Data,
            ZkSetData set => set.Data,
            _ => throw new InvalidOperationException("only creates and setData carry data"),
        };
}
