using System.Reflection;

namespace Coordinator.Tests.Architecture;

/// <summary>
/// The projects form a strict stack: Runtime &lt;- Protocol &lt;- Actors/Client &lt;- Recipes &lt;- Host.
/// A lower layer referencing a higher one would let protocol or kernel code grow dependencies on
/// things that do I/O, so the compiled references are checked here.
/// </summary>
public sealed class ProjectLayeringTests
{
    private static readonly string[] Order =
    [
        "Coordinator.Runtime",
        "Coordinator.Protocol",
        "Coordinator.Actors",
        "Coordinator.Client",
        "Coordinator.Recipes",
        "Coordinator.Host",
    ];

    // Actors and Client sit side by side: neither may reference the other.
    private static readonly (string From, string To)[] Forbidden =
    [
        ("Coordinator.Actors", "Coordinator.Client"),
        ("Coordinator.Client", "Coordinator.Actors"),
        ("Coordinator.Recipes", "Coordinator.Actors"),
    ];

    [Fact]
    public void No_project_references_a_project_above_it()
    {
        foreach (var name in Order)
        {
            var level = Array.IndexOf(Order, name);
            foreach (var reference in ReferencedCoordinatorAssemblies(name))
            {
                var referencedLevel = Array.IndexOf(Order, reference);
                Assert.True(referencedLevel >= 0, $"{name} references unknown project {reference}");
                Assert.True(referencedLevel < level, $"{name} must not reference {reference}, which is not below it");
                Assert.DoesNotContain((name, reference), Forbidden);
            }
        }
    }

    private static IEnumerable<string> ReferencedCoordinatorAssemblies(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, (name == "Coordinator.Host" ? "coordinator" : name) + ".dll");
        return Assembly.LoadFrom(path).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Coordinator.", StringComparison.Ordinal));
    }
}
