namespace Coordinator.Tests.Interop.Servers;

/// <summary>A replicated target whose members can be stopped and started one at a time.</summary>
public interface IEnsembleUnderTest : IServerUnderTest
{
    /// <summary>
    /// Kills member <paramref name="index"/> (0-based, same order as ClientEndpoints); its data stays.
    /// If the rest still form a majority, returns once they have exactly one leader again.
    /// </summary>
    Task StopMemberAsync(int index);

    /// <summary>Starts member <paramref name="index"/> again and returns once it serves clients as part of the quorum.</summary>
    Task StartMemberAsync(int index);
}
