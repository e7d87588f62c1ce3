using System.Text;
using Coordinator.Client.Api;

namespace Coordinator.Tests.Host;

/// <summary>Periodic snapshots, purge past the retention count, and recovery from snapshot plus journal.</summary>
public sealed class SnapshotTests : IDisposable
{
    private static readonly Dictionary<string, string> FrequentSnapshots = new()
    {
        ["coordinator.member.snapshot.snap-count"] = "4",
        ["coordinator.member.snapshot.retain-count"] = "2",
    };

    private readonly string _dataDir = Directory.CreateTempSubdirectory("coordinator-snapshots-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Snapshots_are_taken_purged_to_the_retention_count_and_recovered_with_the_journal()
    {
        await using (var member = InProcessMember.Start(_dataDir, FrequentSnapshots))
        {
            await using var client = await CoordinatorClient.ConnectAsync($"127.0.0.1:{member.ClientPort}", TimeSpan.FromSeconds(10));
            for (var i = 0; i < 40; i++)
                await client.CreateAsync($"/n{i}", Encoding.UTF8.GetBytes($"v{i}"));
            await client.SetDataAsync("/n7", Encoding.UTF8.GetBytes("changed"), 0);
        }

        // Stopping waits for the last snapshot save, so the folder is settled now.
        Assert.Equal(2, Directory.GetFiles(_dataDir, "snapshot-*.db").Length);

        await using (var restarted = InProcessMember.Start(_dataDir, FrequentSnapshots))
        {
            await using var client = await CoordinatorClient.ConnectAsync($"127.0.0.1:{restarted.ClientPort}", TimeSpan.FromSeconds(10));
            for (var i = 0; i < 40; i++)
            {
                var node = await client.GetDataAsync($"/n{i}");
                Assert.Equal(i == 7 ? "changed" : $"v{i}", Encoding.UTF8.GetString(node.Data!));
                Assert.Equal(i == 7 ? 1 : 0, node.Stat.Version);
            }
        }
    }
}
