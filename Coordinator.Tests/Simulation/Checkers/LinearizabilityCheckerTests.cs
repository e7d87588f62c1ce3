namespace Coordinator.Tests.Simulation.Checkers;

public class LinearizabilityCheckerTests
{
    private static Operation<RegisterInput, int> Write(int client, long call, long ret, int value, string key = "x") =>
        Op.Done(client, call, RegisterInput.Write(value, key), ret, 0);

    private static Operation<RegisterInput, int> Read(int client, long call, long ret, int seen, string key = "x") =>
        Op.Done(client, call, RegisterInput.Read(key), ret, seen);

    private static Operation<RegisterInput, int> PendingWrite(int client, long call, int value, string key = "x") =>
        Op.Pending<RegisterInput, int>(client, call, RegisterInput.Write(value, key));

    private static LinearizabilityResult Check(params Operation<RegisterInput, int>[] history) =>
        LinearizabilityChecker.Check(RegisterModel.Instance, history);

    [Fact]
    public void Reads_concurrent_with_a_write_may_see_the_old_or_the_new_value()
    {
        var result = Check(
            Write(client: 1, call: 0, ret: 10, value: 1),
            Read(client: 2, call: 1, ret: 2, seen: 0),
            Read(client: 3, call: 3, ret: 4, seen: 1));

        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal([1, 0, 2], result.Orders["x"]);
    }

    [Fact]
    public void Once_a_read_saw_the_new_value_a_later_read_cannot_see_the_old_one()
    {
        var result = Check(
            Write(client: 1, call: 0, ret: 10, value: 1),
            Read(client: 2, call: 1, ret: 2, seen: 1),
            Read(client: 3, call: 3, ret: 4, seen: 0));

        Assert.Equal(Verdict.Violated, result.Verdict);
    }

    [Fact]
    public void A_stale_read_after_a_completed_write_is_not_linearizable_and_the_explanation_names_both()
    {
        var result = Check(
            Write(client: 1, call: 0, ret: 1, value: 1),
            Read(client: 2, call: 2, ret: 3, seen: 0));

        Assert.Equal(Verdict.Violated, result.Verdict);
        Assert.Equal([0, 1], result.Violation!.OperationIndices);
        Assert.Contains("#1 client 2 [2..3] read x -> 0", result.Violation.Reason);
        Assert.Contains("reaches state 1", result.Violation.Reason);
        Assert.Contains("rejects it", result.Violation.Reason);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Concurrent_writes_may_take_effect_in_either_order_but_only_their_values_can_be_read(int seen, bool linearizable)
    {
        var result = Check(
            Write(client: 1, call: 0, ret: 5, value: 1),
            Write(client: 2, call: 1, ret: 6, value: 2),
            Read(client: 3, call: 7, ret: 8, seen: seen));

        Assert.Equal(linearizable, result.IsLinearizable);
    }

    [Fact]
    public void Two_clients_cannot_each_read_the_write_the_other_order_says_came_first()
    {
        // Both writes finish before both reads start, so both reads must see the same last write.
        var result = Check(
            Write(client: 1, call: 0, ret: 5, value: 1),
            Write(client: 2, call: 0, ret: 5, value: 2),
            Read(client: 3, call: 6, ret: 7, seen: 1),
            Read(client: 4, call: 6, ret: 7, seen: 2));

        Assert.Equal(Verdict.Violated, result.Verdict);
    }

    [Fact]
    public void Operations_touching_at_one_instant_count_as_concurrent()
    {
        var result = Check(
            Write(client: 1, call: 0, ret: 5, value: 1),
            Read(client: 2, call: 5, ret: 6, seen: 0));

        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void A_pending_write_may_take_effect_long_after_its_call()
    {
        var result = Check(
            PendingWrite(client: 1, call: 0, value: 1),
            Read(client: 2, call: 5, ret: 6, seen: 0),
            Read(client: 2, call: 7, ret: 8, seen: 1));

        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal([1, 0, 2], result.Orders["x"]);
    }

    [Fact]
    public void A_pending_write_may_never_take_effect()
    {
        var result = Check(
            PendingWrite(client: 1, call: 0, value: 1),
            Read(client: 2, call: 5, ret: 6, seen: 0));

        Assert.Equal(Verdict.Ok, result.Verdict);
        // The witness still lets it take effect after everything observed.
        Assert.Equal([1, 0], result.Orders["x"]);
    }

    [Fact]
    public void A_pending_write_cannot_take_effect_before_its_call_nor_be_undone_once_seen()
    {
        Assert.Equal(Verdict.Violated, Check(
            Read(client: 2, call: 0, ret: 1, seen: 1),
            PendingWrite(client: 1, call: 2, value: 1)).Verdict);

        Assert.Equal(Verdict.Violated, Check(
            PendingWrite(client: 1, call: 0, value: 1),
            Read(client: 2, call: 5, ret: 6, seen: 1),
            Read(client: 2, call: 7, ret: 8, seen: 0)).Verdict);
    }

    [Fact]
    public void Keys_are_checked_separately_and_a_violation_names_its_key()
    {
        var independent = Check(
            Write(client: 1, call: 0, ret: 1, value: 1, key: "a"),
            Write(client: 1, call: 2, ret: 3, value: 7, key: "b"),
            Read(client: 2, call: 4, ret: 5, seen: 1, key: "a"),
            Read(client: 2, call: 6, ret: 7, seen: 7, key: "b"));
        Assert.Equal(Verdict.Ok, independent.Verdict);
        Assert.Equal([0, 2], independent.Orders["a"]);
        Assert.Equal([1, 3], independent.Orders["b"]);

        // Reading a's value under b is legal for neither key once each is checked alone.
        var crossed = Check(
            Write(client: 1, call: 0, ret: 1, value: 1, key: "a"),
            Read(client: 2, call: 2, ret: 3, seen: 1, key: "b"));
        Assert.Equal(Verdict.Violated, crossed.Verdict);
        Assert.StartsWith("Key b: ", crossed.Violation!.Reason);
        Assert.Equal([1], crossed.Violation.OperationIndices);
    }

    [Fact]
    public void A_search_that_exceeds_its_step_budget_reports_unknown_rather_than_a_verdict()
    {
        // Many concurrent writes and an impossible read at the end: the search must try many orders to refute it.
        var history = Enumerable.Range(1, 12).Select(v => Write(client: v, call: 0, ret: 100, value: v))
            .Append(Read(client: 99, call: 101, ret: 102, seen: 42))
            .ToArray();

        var bounded = LinearizabilityChecker.Check(RegisterModel.Instance, history, new CheckOptions(MaxSteps: 1_000));
        var unbounded = LinearizabilityChecker.Check(RegisterModel.Instance, history);

        Assert.Equal(Verdict.Unknown, bounded.Verdict);
        Assert.Equal(Verdict.Violated, unbounded.Verdict);
    }

    [Fact]
    public void A_register_history_of_thousands_of_concurrent_operations_is_decided_quickly()
    {
        var random = new Random(99);
        var history = new List<Operation<RegisterInput, int>>();
        var value = 0;
        var lastReturn = new long[8];
        for (var k = 0; k < 3000; k++)
        {
            // Each operation takes effect at its point; intervals of different clients overlap around it.
            var point = 10 + 4L * k;
            var client = random.Next(lastReturn.Length);
            var call = Math.Max(lastReturn[client] + 1, point - random.Next(0, 8));
            var ret = point + random.Next(0, 4);
            lastReturn[client] = ret;
            if (random.Next(2) == 0)
                history.Add(Write(client, call, ret, value = k));
            else
                history.Add(Read(client, call, ret, value));
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var accepted = LinearizabilityChecker.Check(RegisterModel.Instance, history, new CheckOptions(MaxSteps: 100_000));
        history[^1] = history[^1].Input.IsWrite ? Read(9, history[^1].Call, history[^1].Return!.Value, -1) : history[^1] with { Output = -1 };
        var rejected = LinearizabilityChecker.Check(RegisterModel.Instance, history, new CheckOptions(MaxSteps: 100_000));

        Assert.Equal(Verdict.Ok, accepted.Verdict);
        Assert.Equal(3000, accepted.Orders["x"].Count);
        Assert.Equal(Verdict.Violated, rejected.Verdict);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_operation_returning_before_its_call_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Op.Done(1, 5, RegisterInput.Read(), 4, 0));
    }
}
