using Amparo.Evidence.Storage;
using Microsoft.Data.Sqlite;

namespace Amparo.Evidence.Sqlite;

/// <summary>
/// The default vault provider: a folder holding <c>vault.db</c> (SQLite: header, cases, records, custody log, all
/// sealed rows), <c>blobs/</c> (encrypted files named by SHA-256) and <c>tmp/</c> (staging). Blobs stay outside
/// SQLite so a 1 GB recording streams to and from disk instead of passing through the database page cache.
/// </summary>
public sealed class SqliteVaultStore : IVaultStore
{
    private const string DbName = "vault.db";
    private const string LockName = "vault.lock";
    private readonly string _folder;
    private readonly string _connectionString;
    private readonly FolderBlobStore _blobs;

    public SqliteVaultStore(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = Path.GetFullPath(folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, DbName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();
        _blobs = new FolderBlobStore(_folder);
    }

    public string Location => _folder;

    public IBlobStore Blobs => _blobs;

    /// <summary>Path of the SQLite file (tests tamper with it directly).</summary>
    public string DatabasePath => Path.Combine(_folder, DbName);

    public async Task<string?> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DatabasePath))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type='table' AND name='header'";
        if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        cmd.CommandText = "SELECT json FROM header WHERE id = 1";
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task CreateAsync(string headerJson, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _blobs.EnsureCreated();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            CREATE TABLE header (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
            CREATE TABLE cases (case_id TEXT PRIMARY KEY, body BLOB NOT NULL, head BLOB NOT NULL);
            CREATE TABLE records (case_id TEXT NOT NULL REFERENCES cases(case_id), record_id INTEGER NOT NULL,
                kind TEXT NOT NULL, sha256 TEXT NULL, body BLOB NOT NULL, PRIMARY KEY (case_id, record_id));
            CREATE TABLE custody_log (case_id TEXT NOT NULL REFERENCES cases(case_id), seq INTEGER NOT NULL,
                entry_hash TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (case_id, seq));
            CREATE INDEX records_sha ON records(sha256);
            INSERT INTO header (id, json) VALUES (1, $json);
            """;
        cmd.Parameters.AddWithValue("$json", headerJson);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IAsyncDisposable> LockForWritingAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, LockName);
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix; the kernel drops it when a process dies, even by SIGKILL.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return stream;
            }
            catch (IOException)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
            }
        }
    }

    public async Task<IReadOnlyList<StoredCase>> ReadCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT case_id, body, head FROM cases ORDER BY case_id";
        var result = new List<StoredCase>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredCase(reader.GetString(0), (byte[])reader[1], (byte[])reader[2]));
        }

        return result;
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadRecordsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT record_id, kind, sha256, body FROM records WHERE case_id = $case ORDER BY record_id";
        cmd.Parameters.AddWithValue("$case", caseId);
        var result = new List<StoredRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredRecord(caseId, reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader[3]));
        }

        return result;
    }

    public async Task<IReadOnlyList<StoredLogEntry>> ReadLogAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq, entry_hash, body FROM custody_log WHERE case_id = $case ORDER BY seq";
        cmd.Parameters.AddWithValue("$case", caseId);
        var result = new List<StoredLogEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new StoredLogEntry(caseId, reader.GetInt64(0), reader.GetString(1), (byte[])reader[2]));
        }

        return result;
    }

    public async Task<IReadOnlySet<string>> ReadBlobReferencesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT sha256 FROM records WHERE sha256 IS NOT NULL";
        var result = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public async Task CommitAsync(StoredChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            if (change.NewCase is { } c)
            {
                cmd.CommandText = "INSERT INTO cases (case_id, body, head) VALUES ($case, $body, $head)";
                cmd.Parameters.AddWithValue("$case", c.CaseId);
                cmd.Parameters.AddWithValue("$body", c.Body);
                cmd.Parameters.AddWithValue("$head", change.Head);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                cmd.Parameters.Clear();
            }
            else
            {
                cmd.CommandText = "UPDATE cases SET head = $head WHERE case_id = $case";
                cmd.Parameters.AddWithValue("$case", change.CaseId);
                cmd.Parameters.AddWithValue("$head", change.Head);
                if (await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    throw new EvidenceNotFoundException($"There is no case {change.CaseId} in the vault at {Location}.");
                }

                cmd.Parameters.Clear();
            }

            if (change.NewRecord is { } r)
            {
                cmd.CommandText = "INSERT INTO records (case_id, record_id, kind, sha256, body) VALUES ($case, $id, $kind, $sha, $body)";
                cmd.Parameters.AddWithValue("$case", r.CaseId);
                cmd.Parameters.AddWithValue("$id", r.RecordId);
                cmd.Parameters.AddWithValue("$kind", r.Kind);
                cmd.Parameters.AddWithValue("$sha", (object?)r.Sha256 ?? DBNull.Value);
                cmd.Parameters.AddWithValue("$body", r.Body);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                cmd.Parameters.Clear();
            }

            var e = change.Entry;
            cmd.CommandText = "INSERT INTO custody_log (case_id, seq, entry_hash, body) VALUES ($case, $seq, $hash, $body)";
            cmd.Parameters.AddWithValue("$case", e.CaseId);
            cmd.Parameters.AddWithValue("$seq", e.Seq);
            cmd.Parameters.AddWithValue("$hash", e.EntryHash);
            cmd.Parameters.AddWithValue("$body", e.Body);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new EvidenceException($"Another change to case {change.CaseId} was written at the same time; nothing was stored. Try again. ({ex.Message})", ex);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // WAL: readers never block the writer; FULL: a committed add survives a power cut, not only a kill.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
