namespace Coordinator.Actors.Persistence;

/// <summary>
/// Hard state in <c>hardstate.db</c> (table <c>hard_state(key TEXT PRIMARY KEY, value INTEGER)</c>, WAL,
/// synchronous=FULL). A save deletes and rewrites all rows in one SQLite transaction, so it is atomic.
/// </summary>
public sealed class SqliteHardStateStore : IHardStateStore
{
    /// <summary>File name of the hard state database in the data directory.</summary>
    public const string FileName = "hardstate.db";

    private readonly string _path;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the hard state file in <paramref name="directory"/>.</summary>
    public SqliteHardStateStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, FileName);
        using var connection = SqliteFiles.Open(_path);
        SqliteFiles.Execute(connection, "CREATE TABLE IF NOT EXISTS hard_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);");
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> Load()
    {
        lock (_lock)
        {
            using var connection = SqliteFiles.Open(_path);
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT key, value FROM hard_state";
            using var reader = select.ExecuteReader();
            var values = new Dictionary<string, long>();
            while (reader.Read()) values[reader.GetString(0)] = reader.GetInt64(1);
            return values;
        }
    }

    /// <inheritdoc />
    public void Save(IReadOnlyDictionary<string, long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_lock)
        {
            using var connection = SqliteFiles.Open(_path);
            using var transaction = connection.BeginTransaction();
            SqliteFiles.Execute(connection, "DELETE FROM hard_state;", transaction);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO hard_state (key, value) VALUES ($key, $value)";
            var key = insert.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
            var value = insert.Parameters.Add("$value", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var pair in values)
            {
                key.Value = pair.Key;
                value.Value = pair.Value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }
}
