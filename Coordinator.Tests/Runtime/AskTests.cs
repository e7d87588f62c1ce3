using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Patterns;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class AskTests() : TestKit(virtualTime: true)
{
    private sealed record Question(string Text);

    private sealed class Answerer : ActorBase
    {
        public Answerer()
        {
            Receive<Question>(q => q.Text == "fail", _ => Sender.Tell(new Status.Failure(new ArgumentException("no answer"))));
            Receive<Question>(q => q.Text != "ignore", q => Sender.Tell(q.Text.ToUpperInvariant()));
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply_and_releases_its_temporary_reference()
    {
        var answerer = Sys.ActorOf(Props.Create(() => new Answerer()), "answerer");

        var reply = await answerer.Ask<string>(new Question("hi"), TimeSpan.FromSeconds(5));

        Assert.Equal("HI", reply);
        Assert.Equal(0, Sys.PendingAsks);
    }

    [Fact]
    public async Task Ask_times_out_on_the_system_clock_with_a_message_naming_target_type_and_timeout()
    {
        var answerer = Sys.ActorOf(Props.Create(() => new Answerer()), "answerer");

        var ask = answerer.Ask<string>(new Question("ignore"), TimeSpan.FromSeconds(2));
        Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(ask.IsCompleted);
        Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Assert.Contains("/user/answerer", error.Message);
        Assert.Contains(typeof(Question).FullName!, error.Message);
        Assert.Contains("2000 ms", error.Message);
        Assert.Equal(0, Sys.PendingAsks);
    }

    [Fact]
    public async Task Ask_fails_with_the_cause_of_a_Status_Failure_reply()
    {
        var answerer = Sys.ActorOf(Props.Create(() => new Answerer()));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => answerer.Ask<string>(new Question("fail")));

        Assert.Equal("no answer", error.Message);
    }

    [Fact]
    public async Task Ask_after_terminate_fails_at_once_and_tell_goes_to_dead_letters()
    {
        var answerer = Sys.ActorOf(Props.Create(() => new Answerer()), "answerer");
        await Sys.Terminate();
        var before = Sys.DeadLetters.Count;

        await Assert.ThrowsAsync<AskTimeoutException>(() => answerer.Ask<string>(new Question("hi")));
        answerer.Tell(new Question("late"));

        Assert.Equal(before + 1, Sys.DeadLetters.Count);
    }

    [Fact]
    public async Task PipeTo_delivers_a_task_result_and_a_failure_as_messages()
    {
        var probe = CreateTestProbe();

        await Task.FromResult(42).PipeTo(probe);
        await Task.FromException<int>(new InvalidOperationException("boom")).PipeTo(probe);

        Assert.Equal(42, probe.ExpectMsg<int>());
        Assert.Equal("boom", probe.ExpectMsg<Status.Failure>().Cause.Message);
    }
}
