using Amparo.Evidence.Bundle;
using Amparo.Evidence.Verification;

namespace Amparo.Evidence;

/// <summary>
/// The evidence vault as its users see it (CLI, dashboard, reporting). Every change goes through the custody
/// log and names the person responsible: pass the logged-in user (dashboard) or the OS user (CLI) as
/// <c>actor</c>. Implementations are safe to call from several threads and processes at once.
/// </summary>
public interface IEvidenceVault : IAsyncDisposable
{
    /// <summary>Where the vault lives, for messages.</summary>
    string Location { get; }

    /// <summary>Fingerprint (SHA-256 of the DER public key, hex) of the key that signs this vault's bundles.</summary>
    string SigningKeyFingerprint { get; }

    Task<EvidenceCase> CreateCaseAsync(NewCase details, string actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EvidenceCase>> ListCasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="EvidenceNotFoundException"/> for an unknown case.</summary>
    Task<CaseContents> GetCaseAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a file exactly as received (encrypted, content-addressed) and logs it. Atomic: after a crash the
    /// item is either whole or absent. Adding the same content to the same case again returns the existing item.
    /// </summary>
    Task<EvidenceItem> AddOriginalAsync(string caseId, Stream content, NewOriginal details, string actor, CancellationToken cancellationToken = default);

    /// <summary>Stores something made from an original of the same case, linked to it.</summary>
    Task<EvidenceItem> AddDerivedAsync(string caseId, Stream content, NewDerived details, string actor, CancellationToken cancellationToken = default);

    Task<CaseNote> AddNoteAsync(string caseId, string text, string actor, CancellationToken cancellationToken = default);

    Task AddSuspectIdentifierAsync(string caseId, SuspectIdentifier identifier, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The plaintext of an item, streamed and authenticated chunk by chunk; the stream throws
    /// <see cref="EvidenceIntegrityException"/> if the stored file was altered. Callers must not write it to disk
    /// except on an explicit export.
    /// </summary>
    Task<Stream> OpenItemAsync(string caseId, string sha256, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CustodyEntry>> ReadCustodyLogAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Re-hashes every stored file of the case and the whole custody chain; names every difference.</summary>
    Task<VerificationReport> VerifyAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the sealed bundle (zip) for the case to <paramref name="output"/>: the only way plaintext evidence
    /// leaves the vault. The export itself is logged before the bundle is written.
    /// </summary>
    Task<ExportResult> ExportAsync(string caseId, Stream output, ExportOptions options, string actor, CancellationToken cancellationToken = default);
}
