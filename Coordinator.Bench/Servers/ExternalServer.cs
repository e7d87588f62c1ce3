using System.Globalization;
using Coordinator.Bench.Load;
using Coordinator.Client.Api;
using Coordinator.Client.Connection;

namespace Coordinator.Bench.Servers;

/// <summary>
/// A server the benchmark did not start (<c>compare --target host:port,...</c>): any server speaking the
/// ZooKeeper wire protocol, anywhere. Each workload runs under a fresh folder of its own (the client's
/// chroot), so the server's other data is never touched and runs never collide; the folder is deleted
/// afterwards. No process of it is ours, so no resident memory is sampled.
/// </summary>
public sealed class ExternalServer(string connectString) : IServerTopology
{
    /// <summary>Deletes issued at once while a run's folder is cleaned up.</summary>
    private const int DeletesInFlight = 256;

    public string Server => "target";

    public string Shape { get; } = $"target {ConnectionString.Parse(connectString).Servers.Count}-member";

    public async Task<IRunningTopology> StartAsync()
    {
        var folder = "/coordinator-bench-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fffffff", CultureInfo.InvariantCulture);
        await using var client = await CoordinatorClient.ConnectAsync(connectString, LoadSettings.SessionTimeout);
        await client.CreateAsync(folder);
        return new Run(connectString, folder);
    }

    private sealed class Run(string connectString, string folder) : IRunningTopology
    {

        public IReadOnlyList<int> ProcessIds => [];

        public string ConnectString => connectString + folder;

        public void ThrowIfAnyExited()
        {
        }

        public void Dispose() => DeleteFolderAsync().GetAwaiter().GetResult();

        private async Task DeleteFolderAsync()
        {
            await using var client = await CoordinatorClient.ConnectAsync(connectString, LoadSettings.SessionTimeout);
            await DeleteTreeAsync(client, folder);
        }

        private static async Task DeleteTreeAsync(CoordinatorClient client, string path)
        {
            IReadOnlyList<string> children;
            try
            {
                children = (await client.GetChildrenAsync(path)).Children;
            }
            catch (NoNodeException)
            {
                return;
            }
            foreach (var batch in children.Chunk(DeletesInFlight))
                await Task.WhenAll(batch.Select(child => DeleteTreeAsync(client, $"{path}/{child}")));
            try
            {
                await client.DeleteAsync(path);
            }
            catch (NoNodeException)
            {
                // An ephemeral node whose session ended while we listed it.
            }
        }
    }
}
