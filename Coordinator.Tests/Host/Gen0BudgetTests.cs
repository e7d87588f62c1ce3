using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Host;

/// <summary>`coordinator serve` runs with a small generation-0 budget, set by replacing its own process image.</summary>
public sealed class Gen0BudgetTests
{
    private const string Variable = "DOTNET_GCgen0size";

    [Fact]
    public async Task A_serving_member_has_the_gen0_budget_in_its_environment_under_the_pid_it_was_started_with()
    {
        var server = new CoordinatorServer();
        await server.StartAsync();
        try
        {
            // The process that serves is the one started (replaced in place, not a child), so its pid still names it.
            var environment = (await File.ReadAllTextAsync($"/proc/{server.ProcessId}/environ")).Split('\0');
            var expected = Environment.GetEnvironmentVariable(Variable) ?? "0x800000"; // an operator's own value wins
            Assert.Contains($"{Variable}={expected}", environment);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
