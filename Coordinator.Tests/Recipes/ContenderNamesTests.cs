using Coordinator.Recipes.Locks;

namespace Coordinator.Tests.Recipes;

public sealed class ContenderNamesTests
{
    [Fact]
    public void The_queue_is_ordered_by_sequence_number_whatever_the_guid_prefixes()
    {
        var queue = ContenderNames.InQueueOrder(
        [
            "_c_ffffffff-0000-0000-0000-000000000000-lock-0000000002",
            "_c_00000000-0000-0000-0000-000000000000-lock-0000000010",
            "_c_88888888-0000-0000-0000-000000000000-lock-0000000001",
        ]);

        Assert.Equal(
        [
            "_c_88888888-0000-0000-0000-000000000000-lock-0000000001",
            "_c_ffffffff-0000-0000-0000-000000000000-lock-0000000002",
            "_c_00000000-0000-0000-0000-000000000000-lock-0000000010",
        ], queue);
    }

    [Fact]
    public void Children_that_are_not_contenders_are_left_out_of_the_queue()
    {
        var queue = ContenderNames.InQueueOrder(["config", "lock-", "lock-abc", "x-lock-0000000003"]);

        Assert.Equal(["x-lock-0000000003"], queue);
    }

    [Fact]
    public void A_contender_finds_its_own_node_by_its_prefix_and_no_other()
    {
        var mine = ContenderNames.NewPrefix();
        var theirs = ContenderNames.NewPrefix();

        Assert.Equal(mine + "0000000007", ContenderNames.FindOwn([theirs + "0000000006", mine + "0000000007"], mine));
        Assert.Null(ContenderNames.FindOwn([theirs + "0000000006"], mine));
    }
}
