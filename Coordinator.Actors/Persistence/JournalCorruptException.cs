namespace Coordinator.Actors.Persistence;

/// <summary>Persistent data failed validation where it cannot be cut away (a row read after recovery, no valid snapshot).</summary>
public sealed class JournalCorruptException(string message) : IOException(message);
