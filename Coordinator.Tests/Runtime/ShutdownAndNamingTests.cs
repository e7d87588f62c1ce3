using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class ShutdownAndNamingTests : TestKit
{
    /// <summary>Builds a chain of <paramref name="depth"/> descendants and reports its PostStop by path.</summary>
    private sealed class Node : ActorBase
    {
        private readonly IActorRef _probe;

        public Node(IActorRef probe, int depth)
        {
            _probe = probe;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Node(probe, depth - 1)), "a" + depth);
                Context.ActorOf(Props.Create(() => new Node(probe, depth - 1)), "b" + depth);
            }
            ReceiveAny(_ => Sender.Tell(Self.Path.ToString()));
        }

        protected override void PostStop() => _probe.Tell(Self.Path.ToString());
    }

    [Fact]
    public async Task Terminate_stops_every_actor_with_children_stopping_before_their_parents()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Node(probe, 2)), "root");
        Sys.ActorOf(Props.Create(() => new Node(probe, 1)), "other");

        await Sys.Terminate();

        var stopped = probe.ReceiveN(10).Cast<string>().ToList();
        foreach (var path in stopped)
        {
            var parent = path[..path.LastIndexOf('/')];
            if (parent != "/user") Assert.True(stopped.IndexOf(path) < stopped.IndexOf(parent), $"{path} stopped after its parent {parent}");
        }
        Assert.Contains("/user/root/a2/b1", stopped);
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    private sealed class ReportsStop(IActorRef probe, string label) : ActorBase
    {
        protected override void PostStop() => probe.Tell(label);
    }

    [Fact]
    public async Task Terminate_stops_system_actors_only_after_every_user_actor()
    {
        var probe = CreateTestProbe();
        Sys.SystemActorOf(Props.Create(() => new ReportsStop(probe, "system")), "kernel-service");
        Sys.ActorOf(Props.Create(() => new ReportsStop(probe, "user")), "app");

        await Sys.Terminate();

        Assert.Equal(new object[] { "user", "system" }, probe.ReceiveN(2));
    }

    [Fact]
    public void A_throwing_event_stream_subscriber_does_not_stop_dead_letters_being_counted()
    {
        using var _ = Sys.DeadLetters.Subscribe(_ => throw new InvalidOperationException("bad subscriber"));
        var before = Sys.DeadLetters.Count;

        Sys.DeadLetters.Tell("lost");

        Assert.Equal(before + 1, Sys.DeadLetters.Count);
    }

    [Fact]
    public void Children_get_hierarchical_paths_and_unnamed_actors_get_distinct_names()
    {
        var probe = CreateTestProbe();
        var root = Sys.ActorOf(Props.Create(() => new Node(probe, 1)), "tree");
        var unnamed1 = Sys.ActorOf(Props.Create(() => new Node(probe, 0)));
        var unnamed2 = Sys.ActorOf(Props.Create(() => new Node(probe, 0)));

        Assert.Equal("/user/tree", root.Path.ToString());
        Assert.NotEqual(unnamed1.Path, unnamed2.Path);
        Assert.StartsWith("/user/$", unnamed1.Path.ToString());
        probe.Send(root, "path?");
        probe.ExpectMsg("/user/tree");
    }

    [Fact]
    public void A_duplicate_sibling_name_is_rejected_with_a_clear_exception()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Node(probe, 0)), "twin");

        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Node(probe, 0)), "twin"));

        Assert.Contains("'twin' already exists under /user", error.Message);
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Node(probe, 0)), "a/b"));
    }

    [Fact]
    public void Messages_to_a_stopped_actor_are_counted_and_published_as_dead_letters()
    {
        var probe = CreateTestProbe();
        var deadLetters = CreateTestProbe();
        using var _ = Sys.DeadLetters.Subscribe(d => deadLetters.Tell(d));
        var node = Sys.ActorOf(Props.Create(() => new Node(probe, 0)), "gone");
        probe.Watch(node);
        Sys.Stop(node);
        probe.ExpectMsg("/user/gone");
        probe.ExpectTerminated(node);
        var before = Sys.DeadLetters.Count;

        node.Tell("hello?", probe);
        node.Tell("anyone?", probe);

        Assert.Equal(before + 2, Sys.DeadLetters.Count);
        var letter = deadLetters.ExpectMsg<DeadLetter>(d => Equals(d.Message, "hello?"));
        Assert.Equal(node, letter.Recipient);
        Assert.Equal(probe, letter.Sender);
    }

    [Fact]
    public async Task After_terminate_creating_actors_is_refused()
    {
        await Sys.Terminate();

        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create(() => new Node(ActorRefs.Nobody, 0))));
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_the_kernel_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Node(ActorRefs.Nobody, 0));

        Assert.Contains("ActorOf(Props)", error.Message);
    }
}
