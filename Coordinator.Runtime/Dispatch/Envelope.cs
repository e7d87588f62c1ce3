using Coordinator.Runtime.Actors;

namespace Coordinator.Runtime.Dispatch;

/// <summary>A user message with the sender it came from; a struct so enqueueing does not allocate per message.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
