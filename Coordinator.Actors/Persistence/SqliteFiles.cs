using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Coordinator.Actors.Persistence;

/// <summary>The durability settings a SQLite connection actually runs with (read back from SQLite).</summary>
/// <param name="JournalMode">PRAGMA journal_mode, lower case ("wal").</param>
/// <param name="Synchronous">PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.</param>
public readonly record struct SqlitePragmas(string JournalMode, int Synchronous)
{
    /// <summary>Value of PRAGMA synchronous for FULL.</summary>
    public const int SynchronousFull = 2;
}

/// <summary>Opening, naming and deleting the SQLite files of a data directory.</summary>
internal static class SqliteFiles
{
    /// <summary>
    /// Opens (creating if needed) a database with synchronous=FULL, in WAL mode unless
    /// <paramref name="wal"/> is false (single-shot files that are renamed into place use a rollback journal,
    /// so the whole content is in the main file when it is renamed).
    /// </summary>
    public static SqliteConnection Open(string path, bool wal = true)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // a closed connection must really release the file: segments get deleted
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var wanted = wal ? "wal" : "delete";
            var mode = Scalar(connection, $"PRAGMA journal_mode={wanted};") as string;
            if (!string.Equals(mode, wanted, StringComparison.OrdinalIgnoreCase))
                throw new IOException($"SQLite refused journal_mode={wanted} for {path} (got {mode}).");
            Execute(connection, "PRAGMA synchronous=FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static SqlitePragmas ReadPragmas(SqliteConnection connection) => new(
        ((string)Scalar(connection, "PRAGMA journal_mode;")!).ToLowerInvariant(),
        Convert.ToInt32(Scalar(connection, "PRAGMA synchronous;"), CultureInfo.InvariantCulture));

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Deletes a database and its WAL/SHM/rollback side files. The caller fsyncs the directory.</summary>
    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(path + suffix);
    }

    /// <summary>"prefix-0000000000000abc.db" for a zxid.</summary>
    public static string FileName(string prefix, long zxid) => $"{prefix}-{zxid:x16}.db";

    /// <summary>The files "prefix-&lt;16 hex&gt;.db" in a directory, with their zxids, oldest first.</summary>
    public static List<(long Zxid, string Path)> List(string directory, string prefix)
    {
        var found = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "-*.db"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var hex = name[(prefix.Length + 1)..];
            if (hex.Length == 16 && long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var zxid))
                found.Add((zxid, path));
        }
        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>
    /// Makes creations, renames and deletions in <paramref name="directory"/> durable (fsync on the directory).
    /// Without it a crash could bring back a truncated segment or lose a renamed snapshot.
    /// </summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return; // NTFS journals metadata; there is no directory handle to flush
        var fd = Native.open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Native.fsync(fd) != 0)
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            Native.close(fd);
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc")]
        public static extern int close(int fd);
    }
}
