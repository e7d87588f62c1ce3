using Coordinator.Actors.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coordinator.Tests.Persistence;

/// <summary>A fresh directory under the temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coordinator-persistence-" + Guid.NewGuid().ToString("N"))).FullName;

    public string[] FileNames(string pattern) =>
        Directory.GetFiles(Path, pattern).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>An ILogger that keeps every line it is given, so tests can assert on what was logged.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Event, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, EventId Event, string Message)> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public IReadOnlyList<string> Messages(string eventName) =>
        Lines.Where(l => l.Event.Name == eventName).Select(l => l.Message).ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add((logLevel, eventId, formatter(state, exception)));
    }
}

/// <summary>Gives every category the same <see cref="CapturingLogger"/>: one member's whole log in one place.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    public CapturingLogger Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Captures only.");

    public void Dispose()
    {
    }
}

/// <summary>Helpers shared by the persistence tests: zxids, entries and raw access to SQLite files.</summary>
public static class Persisted
{
    public static long Zxid(long epoch, long counter) => (epoch << 32) | counter;

    public static JournalEntry Entry(long zxid) =>
        new(zxid, (int)(zxid % 7), System.Text.Encoding.UTF8.GetBytes($"txn-{zxid:x}"));

    /// <summary>Entries with zxids (1, from) .. (1, to) inclusive, in epoch 1.</summary>
    public static JournalEntry[] Entries(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(c => Entry(Zxid(1, c))).ToArray();

    public static long[] Zxids(IEnumerable<JournalEntry> entries) => entries.Select(e => e.Zxid).ToArray();

    public static long[] ZxidRange(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(c => Zxid(1, c)).ToArray();

    /// <summary>Runs SQL on a database file through a plain connection, behind the store's back.</summary>
    public static void RawExecute(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Flips every bit of one byte of a blob column in one row, leaving the stored checksum as it was.</summary>
    public static void FlipBlobByte(string path, string table, string column, string where, int byteIndex = 0)
    {
        using var connection = OpenRaw(path);
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {column} FROM {table} WHERE {where}";
        var blob = (byte[])select.ExecuteScalar()!;
        blob[byteIndex] ^= 0xFF;
        using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE {table} SET {column} = $blob WHERE {where}";
        update.Parameters.AddWithValue("$blob", blob);
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    /// <summary>Corrupts the payload of the journal row with <paramref name="zxid"/> in a segment file.</summary>
    public static void CorruptJournalRow(string segmentPath, long zxid) =>
        FlipBlobByte(segmentPath, "entries", "payload", $"zxid = {zxid}");

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
