namespace Coordinator.Actors.Txns;

/// <summary>Bytes that do not decode as a txn or a snapshot: truncated, unknown tag or version,
/// impossible length, or trailing garbage. Nothing is partially applied when this is thrown.</summary>
public sealed class CorruptRecordException(string message) : FormatException(message);
