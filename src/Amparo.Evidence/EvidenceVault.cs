using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amparo.Evidence.Bundle;
using Amparo.Evidence.Crypto;
using Amparo.Evidence.Custody;
using Amparo.Evidence.Storage;
using Amparo.Evidence.Verification;

namespace Amparo.Evidence;

/// <summary>
/// The vault engine over any <see cref="IVaultStore"/>: encryption, the custody chain, verification and export
/// live here once, so every provider behaves the same. Providers only persist opaque rows and blobs.
/// </summary>
public sealed partial class EvidenceVault : IEvidenceVault
{
    internal static readonly byte[] CasePurpose = "amparo/case/v1"u8.ToArray();
    internal static readonly byte[] RecordPurpose = "amparo/record/v1"u8.ToArray();
    internal static readonly byte[] LogPurpose = "amparo/log/v1"u8.ToArray();
    internal static readonly byte[] HeadPurpose = "amparo/head/v1"u8.ToArray();
    internal static readonly byte[] SigningPurpose = "amparo/signing-key/v1"u8.ToArray();

    private readonly IVaultStore _store;
    private readonly VaultKeys _keys;
    private readonly byte[] _blobKey;
    private readonly VaultHeader _header;
    private readonly VaultOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private EvidenceVault(IVaultStore store, VaultKeys keys, VaultHeader header, VaultOptions options)
    {
        _store = store;
        _keys = keys;
        _blobKey = keys.BlobKey.ToArray();
        _header = header;
        _options = options;
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(header.Signing.PublicKeyPem);
        SigningKeyFingerprint = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()));
    }

    public string Location => _store.Location;

    public string SigningKeyFingerprint { get; }

    /// <summary>The vault's id (random, from its header).</summary>
    public string VaultId => _header.VaultId;

    internal TimeProvider Clock => _options.TimeProvider;

    /// <summary>Creates a new vault in an empty store.</summary>
    public static async Task<EvidenceVault> CreateAsync(IVaultStore store, string passphrase, VaultOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= VaultOptions.Default;
        if (await store.ReadHeaderAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new EvidenceException($"A vault already exists at {store.Location}.");
        }

        var (keys, envelope) = VaultKeys.Create(passphrase, options.KdfIterations);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        var header = new VaultHeader
        {
            VaultId = Guid.NewGuid().ToString("D"),
            CreatedAt = options.TimeProvider.GetUtcNow(),
            Key = envelope,
            Signing = new SigningKeyInfo
            {
                PublicKeyPem = ecdsa.ExportSubjectPublicKeyInfoPem(),
                PrivateKey = Convert.ToBase64String(SealedBox.Seal(keys.SecretKey, pkcs8, SigningPurpose)),
            },
        };
        CryptographicOperations.ZeroMemory(pkcs8);
        await store.CreateAsync(header.ToJson(), cancellationToken).ConfigureAwait(false);
        return new EvidenceVault(store, keys, header, options);
    }

    /// <summary>Opens an existing vault; throws <see cref="WrongPassphraseException"/> for a wrong passphrase.</summary>
    public static async Task<EvidenceVault> OpenAsync(IVaultStore store, string passphrase, VaultOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= VaultOptions.Default;
        string json = await store.ReadHeaderAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EvidenceNotFoundException($"There is no vault at {store.Location}. Create one by opening a case (amparo case new).");
        var header = VaultHeader.Parse(json, store.Location);
        var keys = VaultKeys.Open(passphrase, header.Key, store.Location);
        return new EvidenceVault(store, keys, header, options);
    }

    public async Task<EvidenceCase> CreateCaseAsync(NewCase details, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        RequireActor(actor);
        if (string.IsNullOrWhiteSpace(details.Title))
        {
            throw new ArgumentException("A case needs a title.", nameof(details));
        }

        await using var _ = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var cases = await _store.ReadCasesAsync(cancellationToken).ConfigureAwait(false);
        int number = cases.Count + 1;
        string caseId;
        do
        {
            caseId = string.Create(CultureInfo.InvariantCulture, $"C-{number:D4}");
            number++;
        }
        while (cases.Any(c => string.Equals(c.CaseId, caseId, StringComparison.Ordinal)));

        var now = Clock.GetUtcNow();
        var record = new RecordDto { Type = "case", CaseId = caseId, Title = details.Title.Trim(), Notes = details.Notes };
        byte[] recordJson = record.ToUtf8();
        byte[] line = CustodyLine.Write(1, now, caseId, actor, CustodyActions.CaseCreate, [], recordJson, CustodyLine.Genesis);
        string hash = CustodyLine.Hash(line);
        await _store.CommitAsync(new StoredChange
        {
            CaseId = caseId,
            NewCase = new StoredCase(caseId, SealedBox.Seal(_keys.RowKey, recordJson, CasePurpose), []),
            Entry = new StoredLogEntry(caseId, 1, hash, SealedBox.Seal(_keys.RowKey, line, LogPurpose)),
            Head = SealHead(caseId, 1, hash),
        }, cancellationToken).ConfigureAwait(false);
        return new EvidenceCase { Id = caseId, Title = record.Title, Notes = record.Notes, CreatedAt = now, CreatedBy = actor };
    }

    public async Task<IReadOnlyList<EvidenceCase>> ListCasesAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<EvidenceCase>();
        foreach (var row in await _store.ReadCasesAsync(cancellationToken).ConfigureAwait(false))
        {
            var log = await ReadEntriesAsync(row.CaseId, cancellationToken).ConfigureAwait(false);
            result.Add(ToCase(row, log.Count > 0 ? log[0] : null));
        }

        return result;
    }

    public async Task<CaseContents> GetCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var row = await FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var log = await ReadEntriesAsync(row.CaseId, cancellationToken).ConfigureAwait(false);
        var bySeq = log.ToDictionary(e => e.Seq);
        var items = new List<EvidenceItem>();
        var notes = new List<CaseNote>();
        var suspect = new List<SuspectIdentifier>();
        foreach (var stored in await _store.ReadRecordsAsync(row.CaseId, cancellationToken).ConfigureAwait(false))
        {
            var dto = OpenRecord(stored);
            bySeq.TryGetValue(stored.RecordId, out var entry);
            switch (dto.Type)
            {
                case "item":
                    items.Add(ToItem(row.CaseId, dto, entry));
                    break;
                case "note":
                    notes.Add(new CaseNote { Id = dto.Id ?? 0, Text = dto.Text ?? "", At = entry?.Time ?? default, Author = entry?.Actor ?? "" });
                    break;
                case "suspect":
                    suspect.Add(new SuspectIdentifier(dto.IdentifierKind ?? "", dto.Value ?? ""));
                    break;
                default:
                    break;
            }
        }

        return new CaseContents { Case = ToCase(row, log.Count > 0 ? log[0] : null), Items = items, Notes = notes, Suspect = suspect };
    }

    public async Task<EvidenceItem> AddOriginalAsync(string caseId, Stream content, NewOriginal details, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(details);
        RequireActor(actor);
        string fileName = CleanFileName(details.FileName);
        return await AddItemAsync(caseId, content, actor, CustodyActions.ItemAdd, (digests, head, existing) =>
        {
            _ = existing;
            return new RecordDto
            {
                Type = "item",
                Role = "original",
                Kind = details.Kind,
                FileName = fileName,
                MediaType = details.MediaType ?? MediaTypes.Sniff(head, fileName),
                Size = digests.Length,
                Sha256 = digests.Sha256,
                Md5 = digests.Md5,
                Description = details.Description,
                Capture = CaptureDto.From(details.Capture),
                MayDepictMinor = details.MayDepictMinor ? true : null,
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EvidenceItem> AddDerivedAsync(string caseId, Stream content, NewDerived details, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(details);
        RequireActor(actor);
        string fileName = CleanFileName(details.FileName);
        return await AddItemAsync(caseId, content, actor, CustodyActions.ItemDerive, (digests, head, existing) =>
        {
            _ = head;
            if (!existing.Any(i => i.Role == ItemRole.Original && string.Equals(i.Sha256, details.DerivedFrom, StringComparison.Ordinal)))
            {
                throw new EvidenceNotFoundException($"Case {caseId} has no original with SHA-256 {details.DerivedFrom} to link the derived item to.");
            }

            return new RecordDto
            {
                Type = "item",
                Role = "derived",
                Kind = details.Kind,
                FileName = fileName,
                MediaType = details.MediaType,
                Size = digests.Length,
                Sha256 = digests.Sha256,
                Md5 = digests.Md5,
                DerivedFrom = details.DerivedFrom,
                Description = details.Description,
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseNote> AddNoteAsync(string caseId, string text, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        RequireActor(actor);
        await using var _ = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var row = await FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var entry = await AppendAsync(row.CaseId, actor, CustodyActions.NoteAdd, [], seq => new RecordDto { Type = "note", Id = seq, Text = text }, null, cancellationToken).ConfigureAwait(false);
        return new CaseNote { Id = entry.Seq, Text = text, At = entry.Time, Author = actor };
    }

    public async Task AddSuspectIdentifierAsync(string caseId, SuspectIdentifier identifier, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier.Kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier.Value);
        RequireActor(actor);
        await using var _ = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var row = await FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        await AppendAsync(row.CaseId, actor, CustodyActions.SuspectAdd, [], seq => new RecordDto { Type = "suspect", Id = seq, IdentifierKind = identifier.Kind, Value = identifier.Value }, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stream> OpenItemAsync(string caseId, string sha256, CancellationToken cancellationToken = default)
    {
        var contents = await GetCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var item = contents.Items.FirstOrDefault(i => string.Equals(i.Sha256, sha256, StringComparison.Ordinal))
            ?? throw new EvidenceNotFoundException($"Case {contents.Case.Id} has no item with SHA-256 {sha256}.");
        return OpenBlob(item.Sha256, item.FileName);
    }

    public async Task<IReadOnlyList<CustodyEntry>> ReadCustodyLogAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var row = await FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var entries = await ReadEntriesAsync(row.CaseId, cancellationToken).ConfigureAwait(false);
        return entries.Select(e => e.ToModel()).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _keys.Dispose();
        CryptographicOperations.ZeroMemory(_blobKey);
        _gate.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    internal Stream OpenBlob(string sha256, string name) =>
        BlobCipher.OpenRead(_store.Blobs.OpenRead(sha256), _blobKey, $"{name} ({sha256[..12]}…)", sha256);

    internal ECDsa OpenSigningKey()
    {
        byte[] sealedKey = Convert.FromBase64String(_header.Signing.PrivateKey);
        byte[] pkcs8 = SealedBox.Open(_keys.SecretKey, sealedKey, SigningPurpose)
            ?? throw new EvidenceIntegrityException($"The vault's signing key at {Location} does not authenticate (damaged).");
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        CryptographicOperations.ZeroMemory(pkcs8);
        return ecdsa;
    }

    internal string PublicKeyPem => _header.Signing.PublicKeyPem;

    /// <summary>For tests that play an insider who knows the passphrase: seal/open a log row as the engine does.</summary>
    internal byte[] SealLogLine(byte[] line) => SealedBox.Seal(_keys.RowKey, line, LogPurpose);

    internal byte[]? OpenLogBody(byte[] body) => SealedBox.Open(_keys.RowKey, body, LogPurpose);

    private delegate RecordDto ItemRecordFactory(BlobCipher.Digests digests, ReadOnlySpan<byte> head, IReadOnlyList<EvidenceItem> existing);

    private async Task<EvidenceItem> AddItemAsync(string caseId, Stream content, string actor, string action, ItemRecordFactory makeRecord, CancellationToken cancellationToken)
    {
        await using var _ = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        var row = await FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var contents = await GetCaseAsync(row.CaseId, cancellationToken).ConfigureAwait(false);

        // Sniffing needs the first bytes; keep them while the rest streams through the cipher.
        var sniff = new SniffingStream(content, 512);
        IStagedBlob staged;
        BlobCipher.Digests digests;
        await using (var writer = _store.Blobs.BeginWrite())
        {
            digests = await BlobCipher.EncryptAsync(sniff, writer.Stream, _blobKey, _options.ChunkSize, cancellationToken).ConfigureAwait(false);
            var existing = contents.Items.FirstOrDefault(i => string.Equals(i.Sha256, digests.Sha256, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing;
            }

            staged = await writer.SealAsync(digests.Sha256, cancellationToken).ConfigureAwait(false);
        }

        RecordDto record;
        try
        {
            record = makeRecord(digests, sniff.Head, contents.Items);
        }
        catch
        {
            await staged.DiscardAsync().ConfigureAwait(false);
            throw;
        }

        CustodyLine.ParsedEntry entry;
        try
        {
            entry = await AppendAsync(row.CaseId, actor, action, [digests.Sha256], seq => record with { Id = seq }, digests.Sha256, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await staged.DiscardAsync().ConfigureAwait(false);
            throw;
        }

        // Committed: from here a crash is finished by the next writer's recovery, so cancellation must not stop us.
        await staged.PublishAsync(CancellationToken.None).ConfigureAwait(false);
        return ToItem(row.CaseId, record with { Id = entry.Seq }, entry);
    }

    /// <summary>Appends one entry (and its record) under the write lock the caller holds.</summary>
    private async Task<CustodyLine.ParsedEntry> AppendAsync(string caseId, string actor, string action, IReadOnlyList<string> items, Func<long, RecordDto>? makeRecord, string? sha256, CancellationToken cancellationToken)
    {
        var log = await _store.ReadLogAsync(caseId, cancellationToken).ConfigureAwait(false);
        var last = log.Count > 0 ? log[^1] : null;
        long seq = (last?.Seq ?? 0) + 1;
        string prev = last?.EntryHash ?? CustodyLine.Genesis;
        var record = makeRecord?.Invoke(seq);
        byte[] recordJson = record?.ToUtf8() ?? [];
        byte[] line = CustodyLine.Write(seq, Clock.GetUtcNow(), caseId, actor, action, items, recordJson, prev);
        string hash = CustodyLine.Hash(line);
        await _store.CommitAsync(new StoredChange
        {
            CaseId = caseId,
            NewRecord = record is null || string.Equals(record.Type, "export", StringComparison.Ordinal)
                ? null
                : new StoredRecord(caseId, seq, record.Type, sha256, SealedBox.Seal(_keys.RowKey, recordJson, RecordPurpose)),
            Entry = new StoredLogEntry(caseId, seq, hash, SealedBox.Seal(_keys.RowKey, line, LogPurpose)),
            Head = SealHead(caseId, seq, hash),
        }, cancellationToken).ConfigureAwait(false);
        return CustodyLine.Parse(line, out _)!;
    }

    /// <summary>Takes the store's write lock (and this instance's gate), then finishes any add a crash interrupted.</summary>
    private async Task<IAsyncDisposable> WriteLockAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IAsyncDisposable? storeLock = null;
        try
        {
            storeLock = await _store.LockForWritingAsync(cancellationToken).ConfigureAwait(false);
            var committed = await _store.ReadBlobReferencesAsync(cancellationToken).ConfigureAwait(false);
            await _store.Blobs.RecoverAsync(committed, cancellationToken).ConfigureAwait(false);
            return new Releaser(storeLock, _gate);
        }
        catch
        {
            if (storeLock is not null)
            {
                await storeLock.DisposeAsync().ConfigureAwait(false);
            }

            _gate.Release();
            throw;
        }
    }

    private sealed class Releaser(IAsyncDisposable storeLock, SemaphoreSlim gate) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await storeLock.DisposeAsync().ConfigureAwait(false);
            gate.Release();
        }
    }

    internal async Task<IAsyncDisposable> AcquireWriteLockAsync(CancellationToken cancellationToken) => await WriteLockAsync(cancellationToken).ConfigureAwait(false);

    internal async Task<StoredCase> FindCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        var cases = await _store.ReadCasesAsync(cancellationToken).ConfigureAwait(false);
        return cases.FirstOrDefault(c => string.Equals(c.CaseId, caseId.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new EvidenceNotFoundException($"There is no case {caseId} in the vault at {Location}.");
    }

    /// <summary>Reads and authenticates the log; throws if any entry is unreadable (use VerifyAsync to diagnose).</summary>
    internal async Task<IReadOnlyList<CustodyLine.ParsedEntry>> ReadEntriesAsync(string caseId, CancellationToken cancellationToken)
    {
        var result = new List<CustodyLine.ParsedEntry>();
        foreach (var row in await _store.ReadLogAsync(caseId, cancellationToken).ConfigureAwait(false))
        {
            byte[] line = SealedBox.Open(_keys.RowKey, row.Body, LogPurpose)
                ?? throw new EvidenceIntegrityException($"Custody log entry #{row.Seq} of case {caseId} does not authenticate (altered). Run `amparo evidence verify {caseId}`.");
            result.Add(CustodyLine.Parse(line, out string? error)
                ?? throw new EvidenceIntegrityException($"Custody log entry #{row.Seq} of case {caseId} is not a valid entry ({error})."));
        }

        return result;
    }

    private RecordDto OpenRecord(StoredRecord stored)
    {
        byte[] json = SealedBox.Open(_keys.RowKey, stored.Body, RecordPurpose)
            ?? throw new EvidenceIntegrityException($"Record {stored.RecordId} of case {stored.CaseId} does not authenticate (altered). Run `amparo evidence verify {stored.CaseId}`.");
        return RecordDto.Parse(json);
    }

    private EvidenceCase ToCase(StoredCase row, CustodyLine.ParsedEntry? first)
    {
        byte[] json = SealedBox.Open(_keys.RowKey, row.Body, CasePurpose)
            ?? throw new EvidenceIntegrityException($"Case {row.CaseId} does not authenticate (altered). Run `amparo evidence verify {row.CaseId}`.");
        var dto = RecordDto.Parse(json);
        return new EvidenceCase
        {
            Id = row.CaseId,
            Title = dto.Title ?? "",
            Notes = dto.Notes,
            CreatedAt = first?.Time ?? default,
            CreatedBy = first?.Actor ?? "",
        };
    }

    internal static EvidenceItem ToItem(string caseId, RecordDto dto, CustodyLine.ParsedEntry? entry) => new()
    {
        CaseId = caseId,
        Id = dto.Id ?? 0,
        Role = string.Equals(dto.Role, "derived", StringComparison.Ordinal) ? ItemRole.Derived : ItemRole.Original,
        Kind = dto.Kind ?? ItemKinds.File,
        FileName = dto.FileName ?? "",
        MediaType = dto.MediaType ?? MediaTypes.Octet,
        Size = dto.Size ?? 0,
        Sha256 = dto.Sha256 ?? "",
        Md5 = dto.Md5 ?? "",
        DerivedFrom = dto.DerivedFrom,
        Description = dto.Description,
        Capture = dto.Capture?.ToModel(),
        MayDepictMinor = dto.MayDepictMinor == true,
        AddedAt = entry?.Time ?? default,
        AddedBy = entry?.Actor ?? "",
    };

    private byte[] SealHead(string caseId, long seq, string hash) =>
        SealedBox.Seal(_keys.RowKey, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{caseId} {seq} {hash}")), HeadPurpose);

    /// <summary>The sealed head as (seq, hash), or null when it does not authenticate or belongs to another case.</summary>
    private (long Seq, string Hash)? OpenHead(StoredCase row)
    {
        byte[]? plain = SealedBox.Open(_keys.RowKey, row.Head, HeadPurpose);
        if (plain is null)
        {
            return null;
        }

        string[] parts = Encoding.UTF8.GetString(plain).Split(' ');
        return parts.Length == 3 && string.Equals(parts[0], row.CaseId, StringComparison.Ordinal) && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long seq)
            ? (seq, parts[2])
            : null;
    }

    private static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ArgumentException("Every change to a case needs the name of the person making it (actor).", nameof(actor));
        }
    }

    private static string CleanFileName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string clean = Path.GetFileName(name.Replace('\\', '/'));
        return clean.Length == 0 ? "unnamed" : clean;
    }

    /// <summary>Passes bytes through while keeping the first few for media-type sniffing.</summary>
    private sealed class SniffingStream(Stream inner, int keep) : Stream
    {
        private readonly byte[] _head = new byte[keep];
        private int _kept;

        public ReadOnlySpan<byte> Head => _head.AsSpan(0, _kept);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            Keep(buffer.AsSpan(offset, n));
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Keep(buffer.Span[..n]);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> data)
        {
            int n = Math.Min(data.Length, _head.Length - _kept);
            if (n > 0)
            {
                data[..n].CopyTo(_head.AsSpan(_kept));
                _kept += n;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
