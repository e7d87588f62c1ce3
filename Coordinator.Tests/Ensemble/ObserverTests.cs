using System.Text;
using Coordinator.Client.Api;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Ensemble;

/// <summary>
/// Three voting members and two observers (ids 4 and 5): observers serve clients and forward their
/// writes, but never count towards a quorum, so they neither keep writes going without a majority of
/// participants nor stop them when they are gone.
/// </summary>
public abstract class ObserverTests(IEnsembleUnderTest target)
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a write is given to commit where it must not: a commit takes milliseconds when a quorum exists.</summary>
    private static readonly TimeSpan NoQuorumWriteDeadline = TimeSpan.FromSeconds(2);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Observers_serve_reads_and_writes_but_only_a_majority_of_participants_commits()
    {
        var ensemble = target.Ensemble;
        var basePath = $"/observers-{Guid.NewGuid():N}";
        var observers = ensemble.Observers;
        var participants = ensemble.Participants;
        var observerModes = await Task.WhenAll(observers.Select(ensemble.ModeAsync));

        // Through an observer: the write is forwarded to the leader, the read is served locally.
        string readThroughObserver;
        await using (var onObserver = await CoordinatorClient.ConnectAsync(ensemble.ConnectStringOf(observers), SessionTimeout))
        {
            await onObserver.CreateAsync(basePath, Bytes("via-observer"));
            readThroughObserver = Encoding.UTF8.GetString((await onObserver.GetDataAsync(basePath)).Data ?? []);
        }

        // Observers down: the participants alone still commit.
        foreach (var id in observers)
            ensemble.KillMember(id);
        await using (var onParticipants = await CoordinatorClient.ConnectAsync(ensemble.ConnectStringOf(participants), SessionTimeout))
            await onParticipants.CreateAsync($"{basePath}/without-observers");
        foreach (var id in observers)
            ensemble.Launch(id);
        await ensemble.WaitForLeaderAsync(); // and every running member serving, the observers included

        // The leader and one follower down, observers up: the last follower's vote out of three is no
        // quorum, whatever the observers do.
        var lonely = await CoordinatorClient.ConnectAsync(ensemble.ConnectStringOf(observers), SessionTimeout);
        var leader = await ensemble.WaitForLeaderAsync();
        int[] stopped = [leader, participants.First(id => id != leader)];
        foreach (var id in stopped)
            ensemble.KillMember(id);
        await ensemble.WaitUntilNotServingAsync(observers);
        var writeWithoutQuorum = await Record.ExceptionAsync(() =>
            lonely.CreateAsync($"{basePath}/without-quorum").WaitAsync(NoQuorumWriteDeadline));
        // A create that timed out has an unknown outcome: a member may still hold it and forward it once the
        // quorum is back (seen with Apache ZooKeeper), so only its not committing meanwhile is asserted.
        await lonely.DisposeAsync();

        foreach (var id in stopped)
            ensemble.Launch(id);
        await ensemble.WaitForLeaderAsync();
        var seen = new Dictionary<int, IReadOnlySet<string>>(); // per member, after sync
        foreach (var member in ensemble.Members)
            seen[member.Id] = await ReadBack.ChildrenAsync(ensemble, member.Id, basePath);

        Assert.All(observerModes, mode => Assert.Equal("observer", mode));
        Assert.Equal("via-observer", readThroughObserver);
        Assert.True(writeWithoutQuorum is TimeoutException or ConnectionLossException,
            $"a write without a quorum must time out or lose its connection, got {writeWithoutQuorum?.GetType().Name ?? "success"}");
        Assert.All(seen, member => Assert.Contains($"{basePath}/without-observers", member.Value));
    }
}

[Trait("Category", "Interop")]
public sealed class ObserverTests_ApacheZooKeeper(ApacheZooKeeperEnsembleWithObservers ensemble)
    : ObserverTests(ensemble), IClassFixture<ApacheZooKeeperEnsembleWithObservers>;

[Trait("Category", "Interop")]
public sealed class ObserverTests_Coordinator(CoordinatorEnsembleWithObservers ensemble)
    : ObserverTests(ensemble), IClassFixture<CoordinatorEnsembleWithObservers>;
