using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class TestKitTests : TestKit
{
    [Fact]
    public void ExpectMsg_fails_with_a_message_naming_the_expected_type_when_nothing_arrives()
    {
        var probe = CreateTestProbe();

        var error = Assert.Throws<TestKitAssertionException>(() => probe.ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));

        Assert.Contains("no message of type String", error.Message);
    }

    [Fact]
    public void ExpectMsg_fails_when_the_message_has_another_type_or_does_not_match()
    {
        var probe = CreateTestProbe();
        probe.Tell(1);
        probe.Tell("text");

        Assert.Throws<TestKitAssertionException>(() => probe.ExpectMsg<string>());
        Assert.Throws<TestKitAssertionException>(() => probe.ExpectMsg("other"));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        var probe = CreateTestProbe();
        probe.Tell("surprise");

        Assert.Throws<TestKitAssertionException>(() => probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Expectations_inside_Within_inherit_the_remaining_time()
    {
        var probe = CreateTestProbe();

        var started = DateTime.UtcNow;
        var error = Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromMilliseconds(200), () => probe.ExpectMsg<string>()));

        Assert.Contains("no message", error.Message);
        Assert.True(DateTime.UtcNow - started < DefaultTimeout, "the expectation used the default timeout instead of the block's");
    }

    [Fact]
    public void Within_fails_when_the_block_takes_longer_than_allowed()
    {
        // Work that is not an expectation is not capped by the block, so it overruns it.
        using var neverSet = new ManualResetEventSlim();

        var error = Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromMilliseconds(50), () => neverSet.Wait(TimeSpan.FromMilliseconds(200))));

        Assert.Contains("Within block took", error.Message);
    }

    [Fact]
    public void Reply_and_Forward_preserve_the_conversation_partners()
    {
        var client = CreateTestProbe();
        var server = CreateTestProbe();
        var observer = CreateTestProbe();

        client.Send(server, "request");
        server.ExpectMsg("request");
        server.Forward(observer);
        server.Reply("response");

        observer.ExpectMsg("request");
        Assert.Equal(client, observer.LastSender);
        client.ExpectMsg("response");
        Assert.Equal(server, client.LastSender);
    }

    [Fact]
    public void FishForMessage_skips_until_a_match_and_AwaitCondition_sees_a_later_change()
    {
        var probe = CreateTestProbe();
        foreach (var n in new[] { 1, 2, 3, 10 }) probe.Tell(n);

        Assert.Equal(10, probe.FishForMessage<int>(n => n > 5));

        var flag = 0;
        Task.Run(() => Volatile.Write(ref flag, 1));
        AwaitCondition(() => Volatile.Read(ref flag) == 1);
        AwaitAssert(() => Assert.Equal(1, Volatile.Read(ref flag)));
    }

    [Fact]
    public void AwaitCondition_fails_after_its_duration_when_the_condition_stays_false()
    {
        var error = Assert.Throws<TestKitAssertionException>(() =>
            AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), "never true"));

        Assert.Contains("never true", error.Message);
    }
}
