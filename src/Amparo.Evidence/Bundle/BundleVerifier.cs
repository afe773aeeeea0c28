using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amparo.Evidence.Custody;

namespace Amparo.Evidence.Bundle;

/// <summary>The result of checking a bundle.</summary>
public sealed record BundleVerification
{
    /// <summary>Every problem found, each a plain sentence naming the file. Empty when the bundle checks.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public string? CaseId { get; init; }

    public string? BundleId { get; init; }

    /// <summary>SHA-256 of the signing public key (DER); compare with the one the sender gave separately.</summary>
    public string? SigningKeyFingerprint { get; init; }

    public int FilesChecked { get; init; }

    public int CustodyEntries { get; init; }

    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Checks a sealed bundle using only what is inside it (no vault, no passphrase): the manifest's signature, every
/// file's SHA-256 and size, SHA256SUMS, nothing unlisted, and the custody log's hash chain up to the head the
/// manifest names. Reads entries as streams; nothing is extracted to disk.
/// </summary>
public static class BundleVerifier
{
    private const int MaxEntries = 1_000_000;

    public static async Task<BundleVerification> VerifyAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return await VerifyAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<BundleVerification> VerifyAsync(Stream bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(bundle, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            return new BundleVerification { Problems = [$"not a zip file: {ex.Message}"] };
        }

        await using (zip.ConfigureAwait(false))
        {
            if (zip.Entries.Count > MaxEntries)
            {
                return new BundleVerification { Problems = [$"the zip has {zip.Entries.Count:N0} entries; a bundle never has that many"] };
            }

            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var e in zip.Entries)
            {
                if (!entries.TryAdd(e.FullName, e))
                {
                    problems.Add($"{e.FullName}: appears twice in the zip");
                }
            }

            byte[]? manifest = await ReadSmallAsync(entries, BundleLayout.Manifest, problems, cancellationToken).ConfigureAwait(false);
            byte[]? signature = await ReadSmallAsync(entries, BundleLayout.Signature, problems, cancellationToken).ConfigureAwait(false);
            byte[]? pem = await ReadSmallAsync(entries, BundleLayout.PublicKey, problems, cancellationToken).ConfigureAwait(false);
            if (manifest is null)
            {
                return new BundleVerification { Problems = problems };
            }

            string? fingerprint = null;
            if (signature is not null && pem is not null)
            {
                try
                {
                    using var ecdsa = ECDsa.Create();
                    ecdsa.ImportFromPem(Encoding.ASCII.GetString(pem));
                    fingerprint = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()));
                    if (!ecdsa.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                    {
                        problems.Add($"{BundleLayout.Signature}: the signature does not match {BundleLayout.Manifest} (the manifest was changed, or signed by another key)");
                    }
                }
                catch (Exception ex) when (ex is CryptographicException or ArgumentException)
                {
                    problems.Add($"{BundleLayout.PublicKey}: not a usable public key ({ex.Message})");
                }
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(manifest);
            }
            catch (JsonException ex)
            {
                problems.Add($"{BundleLayout.Manifest}: not valid JSON ({ex.Message})");
                return new BundleVerification { Problems = problems, SigningKeyFingerprint = fingerprint };
            }

            using (doc)
            {
                return await CheckManifestAsync(doc.RootElement, entries, problems, fingerprint, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<BundleVerification> CheckManifestAsync(JsonElement root, Dictionary<string, ZipArchiveEntry> entries, List<string> problems, string? fingerprint, CancellationToken cancellationToken)
    {
        string? caseId = root.TryGetProperty("case", out var c) && c.TryGetProperty("id", out var cid) ? cid.GetString() : null;
        string? bundleId = root.TryGetProperty("bundleId", out var b) ? b.GetString() : null;
        if (fingerprint is not null && root.TryGetProperty("signingKey", out var sk) && sk.TryGetProperty("fingerprintSha256", out var fp)
            && !string.Equals(fp.GetString(), fingerprint, StringComparison.Ordinal))
        {
            problems.Add($"{BundleLayout.PublicKey}: its fingerprint {fingerprint} is not the one the manifest names ({fp.GetString()})");
        }

        var listed = new Dictionary<string, (string Sha, long Size, string Role)>(StringComparer.Ordinal);
        if (!root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{BundleLayout.Manifest}: has no \"files\" list");
            return new BundleVerification { Problems = problems, SigningKeyFingerprint = fingerprint, CaseId = caseId, BundleId = bundleId };
        }

        foreach (var f in files.EnumerateArray())
        {
            string path = f.GetProperty("path").GetString() ?? "";
            listed[path] = (f.GetProperty("sha256").GetString() ?? "", f.GetProperty("size").GetInt64(), f.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "");
        }

        int checkedFiles = 0;
        foreach (var (path, expected) in listed)
        {
            if (!entries.TryGetValue(path, out var entry))
            {
                problems.Add($"{path}: listed in the manifest but missing from the bundle (removed)");
                continue;
            }

            var (sha, size) = await HashAsync(entry, cancellationToken).ConfigureAwait(false);
            checkedFiles++;
            if (!string.Equals(sha, expected.Sha, StringComparison.Ordinal))
            {
                problems.Add($"{path}: its SHA-256 is {sha}, the manifest says {expected.Sha} (altered)");
            }
            else if (size != expected.Size)
            {
                problems.Add($"{path}: {size:N0} bytes, the manifest says {expected.Size:N0} (altered)");
            }
        }

        foreach (string name in entries.Keys)
        {
            if (!listed.ContainsKey(name) && !BundleLayout.SealFiles.Contains(name))
            {
                problems.Add($"{name}: in the bundle but not in the manifest (added)");
            }
        }

        // SHA256SUMS is the recipient's shortcut; it must agree with the signed manifest.
        if (entries.TryGetValue(BundleLayout.Sums, out var sumsEntry))
        {
            byte[] sums = await ReadAllAsync(sumsEntry, cancellationToken).ConfigureAwait(false);
            string sumsSha = Convert.ToHexStringLower(SHA256.HashData(sums));
            if (!root.TryGetProperty("sha256sums", out var ss) || !string.Equals(ss.GetString(), sumsSha, StringComparison.Ordinal))
            {
                problems.Add($"{BundleLayout.Sums}: its SHA-256 is not the one the manifest names (altered)");
            }
        }
        else
        {
            problems.Add($"{BundleLayout.Sums}: missing from the bundle");
        }

        int custodyEntries = 0;
        if (entries.TryGetValue(BundleLayout.CustodyLog, out var logEntry))
        {
            byte[] log = await ReadAllAsync(logEntry, cancellationToken).ConfigureAwait(false);
            custodyEntries = CheckChain(log, root, listed, problems);
        }
        else
        {
            problems.Add($"{BundleLayout.CustodyLog}: missing from the bundle");
        }

        return new BundleVerification
        {
            Problems = problems,
            CaseId = caseId,
            BundleId = bundleId,
            SigningKeyFingerprint = fingerprint,
            FilesChecked = checkedFiles,
            CustodyEntries = custodyEntries,
        };
    }

    private static int CheckChain(byte[] log, JsonElement manifest, Dictionary<string, (string Sha, long Size, string Role)> listed, List<string> problems)
    {
        string prev = CustodyLine.Genesis;
        long expectedSeq = 1;
        int count = 0;
        var logged = new HashSet<string>(StringComparer.Ordinal);
        int start = 0;
        int lineNumber = 0;
        while (start < log.Length)
        {
            int end = Array.IndexOf(log, (byte)'\n', start);
            if (end < 0)
            {
                end = log.Length;
            }

            lineNumber++;
            byte[] line = log[start..end];
            start = end + 1;
            var entry = CustodyLine.Parse(line, out string? error);
            if (entry is null)
            {
                problems.Add($"{BundleLayout.CustodyLog}:{lineNumber}: not a valid custody entry ({error})");
                return count;
            }

            count++;
            if (entry.Seq != expectedSeq)
            {
                problems.Add($"{BundleLayout.CustodyLog}:{lineNumber}: entry #{entry.Seq} where #{expectedSeq} was expected (removed or reordered)");
            }

            if (!string.Equals(entry.Previous, prev, StringComparison.Ordinal))
            {
                problems.Add($"{BundleLayout.CustodyLog}:{lineNumber}: entry #{entry.Seq} does not link to the line before it (the chain is broken)");
            }

            if (entry.Action is CustodyActions.ItemAdd or CustodyActions.ItemDerive)
            {
                logged.UnionWith(entry.Items);
            }

            prev = entry.Hash;
            expectedSeq = entry.Seq + 1;
        }

        if (manifest.TryGetProperty("custodyLog", out var cl))
        {
            if (cl.TryGetProperty("head", out var head) && !string.Equals(head.GetString(), prev, StringComparison.Ordinal))
            {
                problems.Add($"{BundleLayout.CustodyLog}: its last entry hashes to {prev}, the manifest says the head is {head.GetString()}");
            }

            if (cl.TryGetProperty("entries", out var n) && n.GetInt32() != count)
            {
                problems.Add($"{BundleLayout.CustodyLog}: {count} entries, the manifest says {n.GetInt32()}");
            }
        }

        foreach (var (path, f) in listed)
        {
            if (f.Role is "original" or "derived" && !logged.Contains(f.Sha))
            {
                problems.Add($"{path}: no custody log entry records adding it");
            }
        }

        return count;
    }

    private static async Task<byte[]?> ReadSmallAsync(Dictionary<string, ZipArchiveEntry> entries, string name, List<string> problems, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            problems.Add($"{name}: missing from the bundle");
            return null;
        }

        if (entry.Length > 256L << 20)
        {
            problems.Add($"{name}: implausibly large ({entry.Length:N0} bytes)");
            return null;
        }

        return await ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var s = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
        return ms.ToArray();
    }

    private static async Task<(string Sha, long Size)> HashAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long size = 0;
        try
        {
            await using var s = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            int n;
            while ((n = await s.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                size += n;
            }
        }
        catch (InvalidDataException)
        {
            return ("(unreadable: damaged zip entry)", size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }
}
