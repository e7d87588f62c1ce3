using Coordinator.Bench.Servers;
using System.Net;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>A replicated target whose members are real processes that can be killed and restarted one at a time.</summary>
public interface IEnsembleUnderTest : IServerUnderTest
{
    /// <summary>The member processes: kill, stop, start by id, and ask who leads.</summary>
    LocalEnsemble Ensemble { get; }
}

/// <summary>
/// An xunit class fixture over a Bench <see cref="LocalEnsemble"/>: started before the class's tests,
/// killed and deleted after them. Tests that kill members restart them before they end, so the next
/// test finds every member serving.
/// </summary>
public abstract class EnsembleFixture(IMemberLauncher launcher, int participants, int observers) : IEnsembleUnderTest, IAsyncLifetime
{
    public LocalEnsemble Ensemble { get; } = LocalEnsemble.Create(launcher, participants, observers);

    public abstract string Kind { get; }

    public IReadOnlyList<IPEndPoint> ClientEndpoints =>
        Ensemble.Members.Select(m => new IPEndPoint(IPAddress.Loopback, m.ClientPort)).ToArray();

    public async Task StartAsync() => await Ensemble.StartAllAsync();

    /// <summary>Kills every member (SIGKILL); their data stays for the next start.</summary>
    public Task StopAsync()
    {
        Ensemble.KillAll();
        return Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            Ensemble.KillAll();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        Ensemble.Dispose();
        return Task.CompletedTask;
    }
}
