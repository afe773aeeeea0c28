namespace Amparo.Evidence.Storage;

/// <summary>
/// What a vault provider (SQLite today, PostgreSQL later) persists. Providers store opaque rows and never see
/// plaintext: the engine (<see cref="EvidenceVault"/>) encrypts, chains and verifies. Rows are only ever inserted;
/// the one exception is the case's sealed head pointer, replaced in the same transaction as each log append.
/// </summary>
public interface IVaultStore : IAsyncDisposable
{
    /// <summary>Where the vault lives (folder, connection description) for messages.</summary>
    string Location { get; }

    /// <summary>Encrypted files, content-addressed.</summary>
    IBlobStore Blobs { get; }

    /// <summary>The vault header (plain JSON), or null when no vault exists here yet.</summary>
    Task<string?> ReadHeaderAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an empty vault with this header; throws if one exists.</summary>
    Task CreateAsync(string headerJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Excludes other writers (threads and processes) until disposed. Engines take it around every change, and
    /// around crash recovery, so a half-finished add by a killed process is resolved by the next writer.
    /// </summary>
    Task<IAsyncDisposable> LockForWritingAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredCase>> ReadCasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored record of the case (items, notes, suspect identifiers), by record id.</summary>
    Task<IReadOnlyList<StoredRecord>> ReadRecordsAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>The case's custody log rows in stored order (by <see cref="StoredLogEntry.Seq"/>).</summary>
    Task<IReadOnlyList<StoredLogEntry>> ReadLogAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Every content hash referenced by a record of any case.</summary>
    Task<IReadOnlySet<string>> ReadBlobReferencesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One transaction: inserts the new case row (if any), the new record (if any) and the log entry, and sets
    /// the case's head. Fails with <see cref="EvidenceException"/> if a log row with that sequence number exists.
    /// </summary>
    Task CommitAsync(StoredChange change, CancellationToken cancellationToken = default);
}

/// <summary>A case row: <see cref="Body"/> is the sealed case record; <see cref="Head"/> the sealed log head.</summary>
public sealed record StoredCase(string CaseId, byte[] Body, byte[] Head);

/// <summary>A record row. <see cref="Sha256"/> is in clear so blob references can be listed without the key.</summary>
public sealed record StoredRecord(string CaseId, long RecordId, string Kind, string? Sha256, byte[] Body);

/// <summary>A custody log row: <see cref="EntryHash"/> in clear (SHA-256 of the entry line), the line sealed in <see cref="Body"/>.</summary>
public sealed record StoredLogEntry(string CaseId, long Seq, string EntryHash, byte[] Body);

/// <summary>Everything one logged change writes.</summary>
public sealed record StoredChange
{
    public required string CaseId { get; init; }

    /// <summary>Set only by case creation.</summary>
    public StoredCase? NewCase { get; init; }

    public StoredRecord? NewRecord { get; init; }

    public required StoredLogEntry Entry { get; init; }

    /// <summary>The case's new sealed head pointer.</summary>
    public required byte[] Head { get; init; }
}

/// <summary>
/// Encrypted files addressed by the SHA-256 of their plaintext. Writing is two-phase so that adding is atomic:
/// the engine streams to a staging file, seals it under its hash, commits the rows, then publishes it.
/// </summary>
public interface IBlobStore
{
    /// <summary>Starts a new staging file.</summary>
    IBlobWriter BeginWrite();

    /// <summary>Opens a stored blob (encrypted bytes); throws <see cref="EvidenceNotFoundException"/> if missing.</summary>
    Stream OpenRead(string sha256);

    bool Exists(string sha256);

    /// <summary>Every blob present, by content hash, plus anything in the blob area that is not a well-formed blob name.</summary>
    BlobListing List();

    /// <summary>
    /// Finishes or undoes adds interrupted by a crash: a sealed staging file whose hash is committed is published,
    /// every other leftover is deleted. Call only while holding the write lock.
    /// </summary>
    Task RecoverAsync(IReadOnlySet<string> committed, CancellationToken cancellationToken = default);
}

/// <summary>What the blob area holds.</summary>
public sealed record BlobListing(IReadOnlyList<string> Blobs, IReadOnlyList<string> UnexpectedFiles);

/// <summary>A staging file being written.</summary>
public interface IBlobWriter : IAsyncDisposable
{
    Stream Stream { get; }

    /// <summary>Flushes to disk and renames the staging file to its sealed name; the rows may now be committed.</summary>
    Task<IStagedBlob> SealAsync(string sha256, CancellationToken cancellationToken = default);
}

/// <summary>A complete, durable staging file waiting for its rows to be committed.</summary>
public interface IStagedBlob
{
    /// <summary>Moves it to its content address (or drops it if that content is already stored).</summary>
    Task PublishAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes it (the commit failed).</summary>
    Task DiscardAsync();
}
