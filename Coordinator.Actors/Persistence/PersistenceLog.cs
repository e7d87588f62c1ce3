using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Persistence;

/// <summary>Log lines of the persistence layer, with stable event ids (1100-1199).</summary>
internal static class PersistenceLog
{
    private static readonly Action<ILogger, int, long, string, string, Exception?> JournalTailCutMessage =
        LoggerMessage.Define<int, long, string, string>(LogLevel.Warning, new EventId(1100, "JournalTailCut"),
            "Journal tail cut: dropped {DroppedCount} entries from zxid 0x{FromZxid:x16} because {Reason} (in {Segment})");

    private static readonly Action<ILogger, string, string, Exception?> SnapshotInvalidMessage =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(1101, "SnapshotInvalid"),
            "Snapshot {File} is invalid ({Reason}); trying an older one");

    private static readonly Action<ILogger, string, Exception?> EmptySegmentDeletedMessage =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1102, "EmptySegmentDeleted"),
            "Deleted journal segment {Segment}: it holds no entries (a crash before its first commit)");

    private static readonly Action<ILogger, string, long, long, Exception?> RecoveredMessage =
        LoggerMessage.Define<string, long, long>(LogLevel.Information, new EventId(1103, "Recovered"),
            "Recovered {DataDir}: snapshot at zxid 0x{SnapshotZxid:x16}, journal up to 0x{LastZxid:x16}");

    private static readonly Action<ILogger, int, int, Exception?> PurgedMessage =
        LoggerMessage.Define<int, int>(LogLevel.Information, new EventId(1104, "Purged"),
            "Purged {Snapshots} snapshots and {Segments} journal segments");

    private static readonly Action<ILogger, Exception?> CallbackFailedMessage =
        LoggerMessage.Define(LogLevel.Error, new EventId(1105, "JournalCallbackFailed"),
            "A journal completion callback threw; the other callbacks still ran");

    public static void JournalTailCut(this ILogger logger, int dropped, long fromZxid, string reason, string segment) =>
        JournalTailCutMessage(logger, dropped, fromZxid, reason, segment, null);

    public static void SnapshotInvalid(this ILogger logger, string file, string reason) =>
        SnapshotInvalidMessage(logger, file, reason, null);

    public static void EmptySegmentDeleted(this ILogger logger, string segment) =>
        EmptySegmentDeletedMessage(logger, segment, null);

    public static void Recovered(this ILogger logger, string dataDir, long snapshotZxid, long lastZxid) =>
        RecoveredMessage(logger, dataDir, snapshotZxid, lastZxid, null);

    public static void Purged(this ILogger logger, int snapshots, int segments) =>
        PurgedMessage(logger, snapshots, segments, null);

    public static void CallbackFailed(this ILogger logger, Exception error) =>
        CallbackFailedMessage(logger, error);
}
