using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amparo.Core.Interchange;
using Amparo.Evidence.Bundle;
using Amparo.Evidence.CaseUco;
using Amparo.Evidence.Custody;

namespace Amparo.Evidence;

public sealed partial class EvidenceVault
{
    public async Task<ExportResult> ExportAsync(string caseId, Stream output, ExportOptions options, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        RequireActor(actor);
        foreach (var extra in options.ExtraFiles)
        {
            string p = extra.Path.Replace('\\', '/');
            if (p.Length == 0 || p.StartsWith('/') || p.Contains("..", StringComparison.Ordinal) || BundleLayout.SealFiles.Contains(p)
                || p is BundleLayout.CustodyLog or BundleLayout.CaseUco or BundleLayout.Readme
                || p.StartsWith(BundleLayout.OriginalsFolder, StringComparison.Ordinal) || p.StartsWith(BundleLayout.DerivedFolder, StringComparison.Ordinal))
            {
                throw new ArgumentException($"\"{extra.Path}\" cannot be used as a bundle path (reserved or outside the bundle).", nameof(options));
            }
        }

        await using var _ = await WriteLockAsync(cancellationToken).ConfigureAwait(false);

        // Sealing something already tampered with would lend it our signature: refuse and say why.
        var report = await VerifyUnlockedAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (!report.IsIntact)
        {
            throw new EvidenceIntegrityException($"Case {report.CaseId} does not verify, so it cannot be sealed: " + string.Join("; ", report.Findings));
        }

        caseId = report.CaseId;
        var contents = await GetCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var items = contents.Items.Where(i => options.IncludeDerived || i.Role == ItemRole.Original).OrderBy(i => i.Id).ToList();
        string bundleId = Guid.NewGuid().ToString("D");
        await AppendAsync(caseId, actor, CustodyActions.CaseExport, items.Select(i => i.Sha256).ToList(),
            _ => new RecordDto { Type = "export", BundleId = bundleId, Recipient = options.Recipient }, null, cancellationToken).ConfigureAwait(false);
        var log = await ReadEntriesAsync(caseId, cancellationToken).ConfigureAwait(false);
        var exportedAt = log[^1].Time;
        var stamp = new DateTimeOffset(exportedAt.UtcDateTime, TimeSpan.Zero);

        var files = new List<ManifestFile>();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var conversations = new List<(EvidenceItem Item, Amparo.Core.Conversation Conversation)>();
        foreach (var item in items)
        {
            string folder = item.Role == ItemRole.Original ? BundleLayout.OriginalsFolder : BundleLayout.DerivedFolder;
            string path = folder + string.Create(CultureInfo.InvariantCulture, $"{item.Id:D4}-") + BundleLayout.SafeName(item.FileName);
            paths[item.Sha256] = path;
            var entry = zip.CreateEntry(path, item.Size > 1 << 20 ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            entry.LastWriteTime = stamp;
            bool keepText = item.Role == ItemRole.Derived && string.Equals(item.Kind, ItemKinds.Conversation, StringComparison.Ordinal) && item.Size < 64 << 20;
            var copy = keepText ? new MemoryStream() : null;
            (string sha, long size) = await CopyHashedAsync(() => Task.FromResult(OpenBlob(item.Sha256, item.FileName)), entry, copy, cancellationToken).ConfigureAwait(false);
            if (copy is not null)
            {
                var record = InterchangeJsonl.ParseLine(Encoding.UTF8.GetString(copy.ToArray()).TrimEnd('\n'), item.FileName, 1);
                if (record.Conversation is { } conversation)
                {
                    conversations.Add((item, conversation));
                }
            }

            files.Add(ManifestFile.ForItem(path, item, sha, size));
        }

        foreach (var extra in options.ExtraFiles)
        {
            string path = extra.Path.Replace('\\', '/');
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            entry.LastWriteTime = stamp;
            (string sha, long size) = await CopyHashedAsync(() => extra.Open(cancellationToken), entry, null, cancellationToken).ConfigureAwait(false);
            files.Add(new ManifestFile { Path = path, Role = extra.Role, MediaType = extra.MediaType, Sha256 = sha, Size = size });
        }

        var logBytes = Encoding.UTF8.GetBytes(string.Concat(log.Select(e => e.Line + "\n")));
        files.Add(await AddBytesAsync(zip, BundleLayout.CustodyLog, "custody-log", "application/jsonl", logBytes, stamp, cancellationToken).ConfigureAwait(false));

        byte[] uco = CaseUcoWriter.Write(new CaseUcoInput
        {
            VaultId = VaultId,
            Contents = contents,
            Items = items,
            BundlePaths = paths,
            Log = log.Select(e => e.ToModel()).ToList(),
            Conversations = conversations,
        });
        files.Add(await AddBytesAsync(zip, BundleLayout.CaseUco, "case-uco", "application/ld+json", uco, stamp, cancellationToken).ConfigureAwait(false));

        byte[] readme = Encoding.UTF8.GetBytes(ReadmeText(contents.Case.Id, SigningKeyFingerprint));
        files.Add(await AddBytesAsync(zip, BundleLayout.Readme, "readme", "text/plain", readme, stamp, cancellationToken).ConfigureAwait(false));

        var sums = new StringBuilder();
        foreach (var f in files)
        {
            sums.Append(f.Sha256).Append("  ").Append(f.Path).Append('\n');
        }

        byte[] sumsBytes = Encoding.UTF8.GetBytes(sums.ToString());
        await AddBytesAsync(zip, BundleLayout.Sums, "sums", "text/plain", sumsBytes, stamp, cancellationToken).ConfigureAwait(false);

        byte[] manifest = WriteManifest(bundleId, contents, exportedAt, actor, options.Recipient, log[^1], log.Count, Convert.ToHexStringLower(SHA256.HashData(sumsBytes)), files);
        await AddBytesAsync(zip, BundleLayout.Manifest, "manifest", "application/json", manifest, stamp, cancellationToken).ConfigureAwait(false);
        using (var key = OpenSigningKey())
        {
            // DER (RFC 3279), not .NET's default IEEE P1363, so `openssl dgst -verify` accepts it as is.
            byte[] signature = key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            await AddBytesAsync(zip, BundleLayout.Signature, "signature", "application/octet-stream", signature, stamp, cancellationToken).ConfigureAwait(false);
        }

        await AddBytesAsync(zip, BundleLayout.PublicKey, "public-key", "application/x-pem-file", Encoding.ASCII.GetBytes(PublicKeyPem), stamp, cancellationToken).ConfigureAwait(false);

        return new ExportResult
        {
            BundleId = bundleId,
            CaseId = caseId,
            ManifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifest)),
            SigningKeyFingerprint = SigningKeyFingerprint,
            Files = files.Count,
            Bytes = files.Sum(f => f.Size),
        };
    }

    private static async Task<(string Sha256, long Size)> CopyHashedAsync(Func<Task<Stream>> open, ZipArchiveEntry entry, MemoryStream? copy, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long size = 0;
        try
        {
            await using var source = await open().ConfigureAwait(false);
            await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                copy?.Write(buffer, 0, n);
                size += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    private static async Task<ManifestFile> AddBytesAsync(ZipArchive zip, string path, string role, string mediaType, byte[] bytes, DateTimeOffset stamp, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        await using (var s = await entry.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await s.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return new ManifestFile { Path = path, Role = role, MediaType = mediaType, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Size = bytes.Length };
    }

    private byte[] WriteManifest(string bundleId, CaseContents contents, DateTimeOffset exportedAt, string actor, string? recipient, CustodyLine.ParsedEntry head, int entries, string sumsSha, IReadOnlyList<ManifestFile> files)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", "amparo-bundle");
            w.WriteNumber("version", 1);
            w.WriteString("bundleId", bundleId);
            w.WriteString("vaultId", VaultId);
            w.WriteString("exportedAt", CustodyLine.FormatTime(exportedAt));
            w.WriteString("exportedBy", actor);
            if (recipient is not null)
            {
                w.WriteString("recipient", recipient);
            }

            w.WriteStartObject("case");
            w.WriteString("id", contents.Case.Id);
            w.WriteString("title", contents.Case.Title);
            w.WriteString("createdAt", CustodyLine.FormatTime(contents.Case.CreatedAt));
            w.WriteString("createdBy", contents.Case.CreatedBy);
            w.WriteStartArray("suspect");
            foreach (var s in contents.Suspect)
            {
                w.WriteStartObject();
                w.WriteString("kind", s.Kind);
                w.WriteString("value", s.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("signingKey");
            w.WriteString("algorithm", "ECDSA-P256-SHA256");
            w.WriteString("signatureFormat", "DER (RFC 3279)");
            w.WriteString("publicKeyFile", BundleLayout.PublicKey);
            w.WriteString("fingerprintSha256", SigningKeyFingerprint);
            w.WriteEndObject();
            w.WriteStartObject("custodyLog");
            w.WriteString("path", BundleLayout.CustodyLog);
            w.WriteNumber("entries", entries);
            w.WriteString("head", head.Hash);
            w.WriteEndObject();
            w.WriteString("sha256sums", sumsSha);
            w.WriteStartArray("files");
            foreach (var f in files)
            {
                f.Write(w);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string ReadmeText(string caseId, string fingerprint) => $"""
        Amparo evidence bundle for case {caseId}

        Everything in this zip is listed with its SHA-256 in manifest.json, which is signed (ECDSA P-256,
        SHA-256, DER signature in manifest.sig) by the key in public-key.pem. To check it without Amparo:

          openssl dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json
          sha256sum SHA256SUMS        # must equal "sha256sums" in manifest.json
          sha256sum -c SHA256SUMS

        The signing key's fingerprint (SHA-256 of its DER public key) is
          {fingerprint}
        Compare it with the one the sender gave you separately:
          openssl pkey -pubin -in public-key.pem -outform DER | sha256sum

        custody-log.jsonl is a hash chain: each line's "prev" is the SHA-256 of the previous line's exact bytes
        (without the newline); the first line's is 64 zeros. Images and videos in originals/ may show a minor:
        open them only if your role requires it.
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}

/// <summary>One file line of a bundle manifest.</summary>
internal sealed record ManifestFile
{
    public required string Path { get; init; }

    public required string Role { get; init; }

    public required string MediaType { get; init; }

    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public EvidenceItem? Item { get; init; }

    public static ManifestFile ForItem(string path, EvidenceItem item, string sha, long size)
    {
        if (!string.Equals(sha, item.Sha256, StringComparison.Ordinal) || size != item.Size)
        {
            throw new EvidenceIntegrityException($"{item.FileName}: the content read for the bundle does not match its recorded hash or size.");
        }

        return new ManifestFile
        {
            Path = path,
            Role = item.Role == ItemRole.Original ? "original" : "derived",
            MediaType = item.MediaType,
            Sha256 = sha,
            Size = size,
            Item = item,
        };
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("path", Path);
        w.WriteString("role", Role);
        w.WriteString("sha256", Sha256);
        w.WriteNumber("size", Size);
        w.WriteString("mediaType", MediaType);
        if (Item is { } item)
        {
            w.WriteNumber("itemId", item.Id);
            w.WriteString("kind", item.Kind);
            w.WriteString("fileName", item.FileName);
            w.WriteString("md5", item.Md5);
            if (item.DerivedFrom is not null)
            {
                w.WriteString("derivedFrom", item.DerivedFrom);
            }

            if (item.Description is not null)
            {
                w.WriteString("description", item.Description);
            }

            w.WriteString("addedAt", CustodyLine.FormatTime(item.AddedAt));
            w.WriteString("addedBy", item.AddedBy);
            w.WriteBoolean("mayDepictMinor", item.MayDepictMinor);
            w.WriteBoolean("showAsPlaceholder", item.ShowAsPlaceholder);
            if (item.Capture is { } c)
            {
                w.WriteStartObject("capture");
                WriteOptional(w, "capturedBy", c.CapturedBy);
                WriteOptional(w, "capturedAt", c.CapturedAt is { } at ? CustodyLine.FormatTime(at) : null);
                WriteOptional(w, "device", c.Device);
                WriteOptional(w, "app", c.App);
                WriteOptional(w, "source", c.Source);
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
