using Coordinator.Actors.Persistence;
using Coordinator.Actors.Tree;
using Coordinator.Actors.Txns;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Member;

/// <summary>Rebuilds the tree a member had: the newest valid snapshot, then every journaled txn after it, in zxid order.</summary>
public static class TreeRecovery
{
    /// <summary>
    /// An ensemble member starts from its snapshot alone: its journal may hold proposals that never committed, and
    /// Zab commits the ones that did again while the member syncs with its leader.
    /// </summary>
    public static DataTree FromSnapshot(RecoveredStorage storage, byte[] configData) =>
        storage.Snapshot is { } snapshot ? DataTreeSnapshot.Read(snapshot.Data.Span) : new DataTree(configData);

    public static DataTree Rebuild(RecoveredStorage storage, ILogger logger)
    {
        var tree = storage.Snapshot is { } snapshot ? DataTreeSnapshot.Read(snapshot.Data.Span) : new DataTree();
        var replayed = 0;
        foreach (var entry in storage.EntriesToReplay())
        {
            var (header, txn) = TxnCodec.Decode(entry.Payload.Span);
            tree.Apply(header, txn);
            replayed++;
        }
        logger.LogInformation("Tree rebuilt at zxid 0x{Zxid:x}: snapshot 0x{Snapshot:x} plus {Replayed} journaled txns",
            tree.LastZxid, storage.Snapshot?.LastZxid ?? 0, replayed);
        return tree;
    }
}
