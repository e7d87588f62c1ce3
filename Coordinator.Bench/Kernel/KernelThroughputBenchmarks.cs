using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Coordinator.Runtime.Actors;

namespace Coordinator.Bench.Kernel;

/// <summary>
/// Messages per second through the actor kernel next to a raw <see cref="Channel{T}"/> of the same shape:
/// a ping-pong pair (latency-bound hand-offs) and eight senders into one receiver (contended enqueue).
/// One operation is one message delivered.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class KernelThroughputBenchmarks
{
    private const int RoundTrips = 20_000;
    private const int Senders = 8;
    private const int PerSender = 50_000;

    private ActorSystem _system = null!;
    private IActorRef _pinger = null!;
    private IActorRef _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench");
        var ponger = _system.ActorOf(Props.Create(() => new Ponger()), "ponger");
        _pinger = _system.ActorOf(Props.Create(() => new Pinger(ponger)), "pinger");
        _sink = _system.ActorOf(Props.Create(() => new Sink()), "sink");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public void Kernel_ping_pong()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pinger.Tell(new Start(RoundTrips, done));
        done.Task.Wait();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public void Channel_ping_pong()
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var pings = Channel.CreateUnbounded<object>(options);
        var pongs = Channel.CreateUnbounded<object>(options);
        var ponger = Task.Run(async () =>
        {
            for (var i = 0; i < RoundTrips; i++) pongs.Writer.TryWrite(await pings.Reader.ReadAsync());
        });
        var pinger = Task.Run(async () =>
        {
            for (var i = 0; i < RoundTrips; i++)
            {
                pings.Writer.TryWrite(Item);
                await pongs.Reader.ReadAsync();
            }
        });
        Task.WaitAll(ponger, pinger);
    }

    [Benchmark(OperationsPerInvoke = Senders * PerSender)]
    public void Kernel_fan_in_8_senders()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.Tell(new Start(Senders * PerSender, done));
        RunSenders(() =>
        {
            for (var i = 0; i < PerSender; i++) _sink.Tell(Item);
        });
        done.Task.Wait();
    }

    [Benchmark(OperationsPerInvoke = Senders * PerSender)]
    public void Channel_fan_in_8_senders()
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var reader = Task.Run(async () =>
        {
            var received = 0;
            while (received < Senders * PerSender && await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _)) received++;
            }
        });
        RunSenders(() =>
        {
            for (var i = 0; i < PerSender; i++) channel.Writer.TryWrite(Item);
        });
        reader.Wait();
    }

    private static void RunSenders(Action send) =>
        Task.WaitAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(send)).ToArray());

    private sealed record Start(int Expected, TaskCompletionSource Done);

    private sealed record Ping;

    private static readonly Ping PingMessage = new();

    // Both shapes send one preallocated message, so the numbers compare transport cost, not boxing.
    private static readonly object Item = PingMessage;

    private sealed class Ponger : ActorBase
    {
        public Ponger() => Receive<Ping>(ping => Sender.Tell(ping, Self));
    }

    private sealed class Pinger : ActorBase
    {
        private int _left;
        private TaskCompletionSource? _done;

        public Pinger(IActorRef ponger)
        {
            Receive<Start>(start =>
            {
                _left = start.Expected;
                _done = start.Done;
                ponger.Tell(PingMessage, Self);
            });
            Receive<Ping>(ping =>
            {
                if (--_left == 0) _done!.SetResult();
                else Sender.Tell(ping, Self);
            });
        }
    }

    private sealed class Sink : ActorBase
    {
        private int _left;
        private TaskCompletionSource? _done;

        public Sink()
        {
            Receive<Start>(start =>
            {
                _left = start.Expected;
                _done = start.Done;
            });
            Receive<Ping>(_ =>
            {
                if (--_left == 0) _done!.SetResult();
            });
        }
    }
}
