namespace Coordinator.Runtime.Actors;

/// <summary>The root, /user and /system guardians: they only own children.</summary>
internal sealed class GuardianActor : ActorBase;
