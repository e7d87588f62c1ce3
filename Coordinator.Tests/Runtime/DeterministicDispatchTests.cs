using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Dispatch;
using Coordinator.Runtime.Scheduling;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

/// <summary>Mailbox rules observed step by step: nothing runs until the test calls RunUntilIdle.</summary>
public sealed class DeterministicDispatchTests : TestKit
{
    private readonly DeterministicDispatcher _dispatcher = new();
    private readonly ActorSystem _stepped;

    public DeterministicDispatchTests() =>
        _stepped = ActorSystem.Create("stepped", new ActorSystemSettings
        {
            Dispatcher = _dispatcher,
            Clock = new VirtualClock(),
            Throughput = 2,
        });

    [Fact]
    public void Nothing_is_processed_until_the_dispatcher_runs()
    {
        var probe = CreateTestProbe();
        var recorder = _stepped.ActorOf(Props.Create(() => new Recorder(probe)));

        recorder.Tell("hello");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        _dispatcher.RunUntilIdle();

        probe.ExpectMsg("hello");
    }

    [Fact]
    public void A_mailbox_run_processes_at_most_throughput_user_messages_before_yielding()
    {
        var probe = CreateTestProbe();
        var recorder = _stepped.ActorOf(Props.Create(() => new Recorder(probe)));
        _dispatcher.RunUntilIdle(); // creation

        for (var i = 0; i < 5; i++) recorder.Tell(i);
        var runs = _dispatcher.RunUntilIdle();

        Assert.Equal(3, runs); // 2 + 2 + 1 messages with throughput 2
        Assert.Equal(new object[] { 0, 1, 2, 3, 4 }, probe.ReceiveN(5));
    }

    [Fact]
    public void A_stop_sent_after_user_messages_is_processed_before_them()
    {
        var probe = CreateTestProbe();
        var recorder = _stepped.ActorOf(Props.Create(() => new Recorder(probe)));
        _dispatcher.RunUntilIdle();
        probe.Watch(recorder);

        recorder.Tell("queued first");
        _stepped.Stop(recorder);
        _dispatcher.RunUntilIdle();

        probe.ExpectTerminated(recorder);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, _stepped.DeadLetters.Count);
    }

    protected override void Dispose(bool disposing)
    {
        var terminated = _stepped.Terminate();
        _dispatcher.RunUntilIdle();
        Assert.True(terminated.IsCompleted, "the stepped system should stop within one RunUntilIdle");
        base.Dispose(disposing);
    }
}
