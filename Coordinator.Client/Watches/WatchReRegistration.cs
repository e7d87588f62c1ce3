using Coordinator.Protocol;
using Coordinator.Protocol.Records;

namespace Coordinator.Client.Watches;

/// <summary>
/// The requests that re-set every registered watch on a new connection, relative to the last zxid seen
/// (the server fires at once what changed in between). Split in batches, as ZooKeeper's client does, so
/// no frame nears the server's maximum packet size however many watches there are.
/// </summary>
internal static class WatchReRegistration
{
    /// <summary>Total path characters per request; ZooKeeper's own client uses the same bound.</summary>
    public const int MaxPathCharsPerRequest = 128 * 1024;

    public static IEnumerable<(OpCode Type, ZkRequest Request)> Requests(IReadOnlyDictionary<WatchKind, string[]> watches, long lastZxid)
    {
        var batches = Enum.GetValues<WatchKind>().ToDictionary(kind => kind, _ => new List<string>());
        var chars = 0;
        foreach (var (kind, path) in Enum.GetValues<WatchKind>().SelectMany(kind => watches[kind].Select(path => (kind, path))))
        {
            if (chars > 0 && chars + path.Length > MaxPathCharsPerRequest)
            {
                yield return Build(batches, lastZxid);
                foreach (var batch in batches.Values)
                    batch.Clear();
                chars = 0;
            }

            batches[kind].Add(path);
            chars += path.Length;
        }

        if (chars > 0)
            yield return Build(batches, lastZxid);
    }

    // Members without persistent watches know only setWatches, so it is used whenever it suffices.
    private static (OpCode, ZkRequest) Build(Dictionary<WatchKind, List<string>> batch, long lastZxid)
    {
        var data = batch[WatchKind.Data].ToArray();
        var exist = batch[WatchKind.Exist].ToArray();
        var child = batch[WatchKind.Child].ToArray();
        var persistent = batch[WatchKind.Persistent].ToArray();
        var recursive = batch[WatchKind.PersistentRecursive].ToArray();
        return persistent.Length + recursive.Length == 0
            ? (OpCode.SetWatches, new SetWatches(lastZxid, data, exist, child))
            : (OpCode.SetWatches2, new SetWatches2(lastZxid, data, exist, child, persistent, recursive));
    }
}
