using Amparo.Evidence.Sqlite;
using Amparo.Evidence.Storage;
using Amparo.Evidence.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace Amparo.Evidence.Sqlite.Tests;

/// <summary>A fresh SQLite vault folder per test; tampering is plain SQL and file writes.</summary>
public sealed class SqliteTestProvider : IVaultTestProvider
{
    private readonly string _folder = Directory.CreateTempSubdirectory("amparo-vault-").FullName;

    public string? DataFolder => _folder;

    public IVaultStore CreateStore() => new SqliteVaultStore(_folder);

    public Task DeleteRecordAsync(string caseId, long recordId) =>
        ExecuteAsync("DELETE FROM records WHERE case_id = $c AND record_id = $a", caseId, recordId);

    public Task DeleteLogEntryAsync(string caseId, long seq) =>
        ExecuteAsync("DELETE FROM custody_log WHERE case_id = $c AND seq = $a", caseId, seq);

    public Task SwapLogEntriesAsync(string caseId, long a, long b) =>
        ExecuteAsync("""
            UPDATE custody_log SET seq = -1 WHERE case_id = $c AND seq = $a;
            UPDATE custody_log SET seq = $a WHERE case_id = $c AND seq = $b;
            UPDATE custody_log SET seq = $b WHERE case_id = $c AND seq = -1;
            """, caseId, a, b);

    public async Task ReplaceLogEntryAsync(string caseId, long seq, byte[] body, string? entryHash)
    {
        await using var connection = await OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = entryHash is null
            ? "UPDATE custody_log SET body = $body WHERE case_id = $c AND seq = $a"
            : "UPDATE custody_log SET body = $body, entry_hash = $hash WHERE case_id = $c AND seq = $a";
        cmd.Parameters.AddWithValue("$c", caseId);
        cmd.Parameters.AddWithValue("$a", seq);
        cmd.Parameters.AddWithValue("$body", body);
        cmd.Parameters.AddWithValue("$hash", (object?)entryHash ?? DBNull.Value);
        (await cmd.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    public async Task InsertRecordAsync(StoredRecord record)
    {
        await using var connection = await OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "INSERT INTO records (case_id, record_id, kind, sha256, body) VALUES ($c, $a, $k, $s, $b)";
        cmd.Parameters.AddWithValue("$c", record.CaseId);
        cmd.Parameters.AddWithValue("$a", record.RecordId);
        cmd.Parameters.AddWithValue("$k", record.Kind);
        cmd.Parameters.AddWithValue("$s", (object?)record.Sha256 ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$b", record.Body);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task FlipBlobByteAsync(string sha256, long offset)
    {
        string path = BlobPath(sha256);
        await using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        f.Position = offset;
        int b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0x20));
    }

    public async Task AddStrayBlobAsync(string sha256, byte[] content)
    {
        string path = BlobPath(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string BlobPath(string sha256) => Path.Combine(_folder, "blobs", sha256[..2], sha256 + ".blob");

    private async Task ExecuteAsync(string sql, string caseId, long a, long b = 0)
    {
        await using var connection = await OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$c", caseId);
        cmd.Parameters.AddWithValue("$a", a);
        cmd.Parameters.AddWithValue("$b", b);
        (await cmd.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "vault.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>The shared vault suite against the SQLite provider.</summary>
public sealed class SqliteVaultContractTests : VaultContractTests<SqliteTestProvider>;
