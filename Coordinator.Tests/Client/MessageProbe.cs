using System.Threading.Channels;
using Coordinator.Runtime.Actors;

namespace Coordinator.Tests.Client;

/// <summary>
/// An actor that queues every message it receives for the test to await in order. A stand-in for the
/// kernel TestKit's TestProbe, which is not on this branch yet.
/// </summary>
internal sealed class MessageProbe
{
    private readonly Channel<object> _received = Channel.CreateUnbounded<object>();

    public MessageProbe(ActorSystem system) =>
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(_received.Writer)));

    public IActorRef Ref { get; }

    /// <summary>The next message, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectAsync<T>()
    {
        var message = await _received.Reader.ReadAsync().AsTask().Within();
        return Assert.IsType<T>(message);
    }

    private sealed class ProbeActor : ActorBase
    {
        public ProbeActor(ChannelWriter<object> sink) => ReceiveAny(message => sink.TryWrite(message));
    }
}
