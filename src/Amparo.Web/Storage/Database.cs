using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Amparo.Web.Storage;

/// <summary>
/// The dashboard's own SQLite database (accounts, API keys, cases and their conversations, alerts, webhooks).
/// One short-lived connection per operation; the pool keeps them cheap and WAL lets readers run beside a writer.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
        FilePath = Path.Combine(dataDirectory, "amparo-web.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Schema steps in order; the database's <c>user_version</c> is how many have run.</summary>
    private static readonly string[] Migrations = [Schema.V1, Schema.V2, Schema.V3];

    /// <summary>Creates or upgrades the schema. Versions only ever add.</summary>
    public void Migrate()
    {
        using var c = Open();
        c.Execute("PRAGMA journal_mode=WAL;");
        long version = c.ExecuteScalar<long>("PRAGMA user_version;");
        for (long v = version; v < Migrations.Length; v++)
        {
            using var tx = c.BeginTransaction();
            c.Execute(Migrations[v], transaction: tx);
            c.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {v + 1};"), transaction: tx);
            tx.Commit();
        }
    }
}
