using Amparo.Evidence.Storage;

namespace Amparo.Evidence.Tests.Contract;

/// <summary>
/// What the shared vault test suite needs from a provider: a fresh, empty store, and ways to tamper with it
/// directly (SQL, files), as someone with access to the storage but going around Amparo would.
/// </summary>
public interface IVaultTestProvider : IAsyncDisposable
{
    /// <summary>A new store object over this test's location (call again to play a second process).</summary>
    IVaultStore CreateStore();

    /// <summary>A folder whose files should hold no plaintext evidence, or null when the provider has none.</summary>
    string? DataFolder { get; }

    Task DeleteRecordAsync(string caseId, long recordId);

    Task DeleteLogEntryAsync(string caseId, long seq);

    /// <summary>Swaps two log rows' positions, as an UPDATE of their sequence numbers would.</summary>
    Task SwapLogEntriesAsync(string caseId, long a, long b);

    /// <summary>Overwrites a log row's sealed body and, when given, its stored hash.</summary>
    Task ReplaceLogEntryAsync(string caseId, long seq, byte[] body, string? entryHash);

    Task InsertRecordAsync(StoredRecord record);

    /// <summary>Flips one byte of the stored (encrypted) file at <paramref name="offset"/>.</summary>
    Task FlipBlobByteAsync(string sha256, long offset);

    /// <summary>Puts a file into the blob area under a well-formed name that no record references.</summary>
    Task AddStrayBlobAsync(string sha256, byte[] content);
}
