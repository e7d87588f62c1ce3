using System.Text;

namespace Coordinator.Bench.Servers;

/// <summary>
/// A Coordinator ensemble member: <c>dotnet coordinator.dll serve --config ensemble.conf --id N</c>, every
/// member reading the same member list and taking its client port from its own entry there.
/// </summary>
/// <param name="coordinatorDll">The built host; default the one next to this assembly (Coordinator.Bench references Coordinator.Host for that).</param>
public sealed class CoordinatorMemberLauncher(string? coordinatorDll = null) : IMemberLauncher
{
    private readonly string _dll = coordinatorDll ?? Path.Combine(AppContext.BaseDirectory, "coordinator.dll");

    public string Server => "Coordinator";

    public ServerProcess Start(IReadOnlyList<EnsembleMember> members, EnsembleMember member, string memberDirectory)
    {
        if (!File.Exists(_dll))
            throw new FileNotFoundException($"coordinator.dll not found at {_dll}; build Coordinator.Host or pass --coordinator-dll.");
        var config = Path.Combine(memberDirectory, "ensemble.conf");
        File.WriteAllText(config, Config(members));
        return ServerProcess.Start($"coordinator-{member.Id}", "dotnet",
            [_dll, "serve", "--config", config, "--id", member.Id.ToString(), "--data-dir", Path.Combine(memberDirectory, "data")],
            memberDirectory);
    }

    /// <summary>
    /// Shipped defaults (tick-time 2s, init-limit 10, sync-limit 5: ZooKeeper's zoo.cfg figures) except
    /// loopback only and no per-IP connection cap, as for the benchmark's ZooKeeper.
    /// </summary>
    private static string Config(IReadOnlyList<EnsembleMember> members)
    {
        var text = new StringBuilder("""
            coordinator {
              member {
                client-address = "127.0.0.1"
                max-client-cnxns = 0
              }
              ensemble {
                members = [

            """);
        foreach (var m in members)
            text.AppendLine($"      {{ id = {m.Id}, host = \"127.0.0.1\", client-port = {m.ClientPort}, quorum-port = {m.QuorumPort}, "
                + $"election-port = {m.ElectionPort}, role = {(m.IsObserver ? "observer" : "participant")} }}");
        text.Append("""
                ]
              }
            }

            """);
        return text.ToString();
    }
}
