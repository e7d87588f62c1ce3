using Coordinator.Bench.Servers;
using Coordinator.Client.Api;

namespace Coordinator.Tests.Ensemble;

/// <summary>What one member holds: a session on that member alone, <c>sync</c> (so it has caught up with the leader), then the read.</summary>
internal static class ReadBack
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The full paths of the children of <paramref name="basePath"/> as member <paramref name="id"/> sees them after sync.</summary>
    public static async Task<IReadOnlySet<string>> ChildrenAsync(LocalEnsemble ensemble, int id, string basePath)
    {
        await using var client = await CoordinatorClient.ConnectAsync(ensemble.ConnectStringOf([id]), SessionTimeout);
        await client.SyncAsync(basePath);
        var children = await client.GetChildrenAsync(basePath);
        return children.Children.Select(c => $"{basePath}/{c}").ToHashSet();
    }

    /// <summary>Per member, the acknowledged paths it lacks after sync; empty lists when nothing was lost.</summary>
    public static async Task<IReadOnlyDictionary<int, string[]>> MissingAsync(LocalEnsemble ensemble, string basePath, IReadOnlyList<string> acknowledged)
    {
        var missing = new Dictionary<int, string[]>();
        foreach (var member in ensemble.Members)
        {
            var present = await ChildrenAsync(ensemble, member.Id, basePath);
            missing[member.Id] = acknowledged.Where(p => !present.Contains(p)).ToArray();
        }
        return missing;
    }
}
