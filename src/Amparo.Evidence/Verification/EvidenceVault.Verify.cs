using System.Buffers;
using System.Text;
using System.Text.Json;
using Amparo.Evidence.Crypto;
using Amparo.Evidence.Custody;
using Amparo.Evidence.Storage;
using Amparo.Evidence.Verification;

namespace Amparo.Evidence;

public sealed partial class EvidenceVault
{
    public async Task<VerificationReport> VerifyAsync(string caseId, CancellationToken cancellationToken = default)
    {
        // The write lock makes the check consistent with concurrent adds and lets recovery finish a crashed add first.
        await using var _ = await WriteLockAsync(cancellationToken).ConfigureAwait(false);
        return await VerifyUnlockedAsync(caseId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VerificationReport> VerifyUnlockedAsync(string caseId, CancellationToken cancellationToken)
    {
        var row = await FindCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        caseId = row.CaseId;
        var findings = new List<VerificationFinding>();

        // 1. The chain.
        var rows = await _store.ReadLogAsync(caseId, cancellationToken).ConfigureAwait(false);
        var entries = new List<(StoredLogEntry Row, CustodyLine.ParsedEntry Entry)>();
        var hashBySeq = new Dictionary<long, string>();
        foreach (var logRow in rows)
        {
            hashBySeq.TryAdd(logRow.Seq, logRow.EntryHash);
        }

        var unreadable = new HashSet<long>();
        foreach (var logRow in rows)
        {
            string subject = $"custody log entry #{logRow.Seq}";
            byte[]? line = SealedBox.Open(_keys.RowKey, logRow.Body, LogPurpose);
            if (line is null)
            {
                findings.Add(new(FindingKind.Altered, subject, "its stored bytes were changed outside Amparo (they fail authentication)"));
                unreadable.Add(logRow.Seq);
                continue;
            }

            var entry = CustodyLine.Parse(line, out string? error);
            if (entry is null || !string.Equals(entry.CaseId, caseId, StringComparison.Ordinal))
            {
                findings.Add(new(FindingKind.Altered, subject, entry is null ? $"it is not a valid entry ({error})" : $"it belongs to case {entry.CaseId}, not {caseId}"));
                unreadable.Add(logRow.Seq);
                continue;
            }

            // Compare with the hash recorded for the entry's own number, so a moved entry reads as moved, not altered.
            if (hashBySeq.TryGetValue(entry.Seq, out string? recorded) && !string.Equals(entry.Hash, recorded, StringComparison.Ordinal)
                && !string.Equals(entry.Hash, logRow.EntryHash, StringComparison.Ordinal))
            {
                findings.Add(new(FindingKind.Altered, $"custody log entry #{entry.Seq}", $"its content hashes to {entry.Hash[..16]}…, not the {recorded[..Math.Min(16, recorded.Length)]}… recorded when it was written"));
                unreadable.Add(entry.Seq);
            }

            entries.Add((logRow, entry));
        }

        // Entries whose own sequence number differs from their place: a reorder if the numbers are all still there.
        var misplaced = entries.Where(e => e.Entry.Seq != e.Row.Seq).ToList();
        if (misplaced.Count > 0)
        {
            var visited = new HashSet<long>();
            foreach (var (logRow, entry) in misplaced)
            {
                if (visited.Add(logRow.Seq) && visited.Add(entry.Seq))
                {
                    var partner = misplaced.FirstOrDefault(m => m.Row.Seq == entry.Seq);
                    findings.Add(partner.Entry is not null && partner.Entry.Seq == logRow.Seq
                        ? new(FindingKind.Reordered, $"custody log entries #{logRow.Seq} and #{entry.Seq}", "they have been swapped: each is stored in the other's place")
                        : new(FindingKind.Reordered, $"custody log entry #{entry.Seq}", $"it is stored in position #{logRow.Seq}"));
                }
            }
        }

        var ordered = entries.Select(e => e.Entry).OrderBy(e => e.Seq).ToList();
        var present = ordered.Select(e => e.Seq).ToHashSet();
        var head = OpenHead(row);
        if (head is null)
        {
            findings.Add(new(FindingKind.Altered, $"case {caseId}", "its head pointer (the last entry's hash, sealed) fails authentication"));
        }

        long maxSeq = Math.Max(head?.Seq ?? 0, Math.Max(ordered.Count > 0 ? ordered[^1].Seq : 0, rows.Count > 0 ? rows.Max(r => r.Seq) : 0));
        var missingEntries = new SortedDictionary<long, string?>();
        for (long s = 1; s <= maxSeq; s++)
        {
            if (!present.Contains(s) && !unreadable.Contains(s))
            {
                missingEntries[s] = null;
            }
        }

        for (int i = 0; i < ordered.Count; i++)
        {
            var entry = ordered[i];
            string expectedPrev = i == 0 ? CustodyLine.Genesis : ordered[i - 1].Hash;
            bool contiguous = i == 0 ? entry.Seq == 1 : ordered[i - 1].Seq == entry.Seq - 1;
            if (contiguous && !string.Equals(entry.Previous, expectedPrev, StringComparison.Ordinal))
            {
                long blamed = i == 0 ? entry.Seq : ordered[i - 1].Seq;
                if (!unreadable.Contains(blamed) && i > 0)
                {
                    findings.Add(new(FindingKind.Altered, $"custody log entry #{blamed}", $"its content no longer matches the hash that entry #{entry.Seq} recorded for it"));
                    unreadable.Add(blamed);
                }
                else if (i == 0)
                {
                    findings.Add(new(FindingKind.Altered, $"custody log entry #{entry.Seq}", "the first entry does not start the chain"));
                }
            }
        }

        if (head is { } h && ordered.Count > 0 && ordered[^1].Seq == h.Seq && !string.Equals(ordered[^1].Hash, h.Hash, StringComparison.Ordinal)
            && !unreadable.Contains(h.Seq))
        {
            findings.Add(new(FindingKind.Altered, $"custody log entry #{h.Seq}", "its content no longer matches the case's sealed head hash"));
        }

        // 2. Replay the log: what the records should be.
        var expected = new Dictionary<long, CustodyLine.ParsedEntry>();
        string? caseRecord = null;
        foreach (var entry in ordered)
        {
            if (entry.RecordJson is null)
            {
                continue;
            }

            if (string.Equals(entry.Action, CustodyActions.CaseCreate, StringComparison.Ordinal))
            {
                caseRecord = entry.RecordJson;
            }
            else if (!string.Equals(entry.Action, CustodyActions.CaseExport, StringComparison.Ordinal))
            {
                expected[entry.Seq] = entry;
            }
        }

        byte[]? caseJson = SealedBox.Open(_keys.RowKey, row.Body, CasePurpose);
        if (caseJson is null)
        {
            findings.Add(new(FindingKind.Altered, $"case {caseId}", "its stored details fail authentication"));
        }
        else if (caseRecord is not null && !string.Equals(Encoding.UTF8.GetString(caseJson), caseRecord, StringComparison.Ordinal))
        {
            findings.Add(new(FindingKind.Altered, $"case {caseId}", $"its stored details differ from custody log entry #1 ({DiffFields(caseRecord, Encoding.UTF8.GetString(caseJson))})"));
        }

        var stored = await _store.ReadRecordsAsync(caseId, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<long>();
        foreach (var record in stored)
        {
            seen.Add(record.RecordId);
            byte[]? json = SealedBox.Open(_keys.RowKey, record.Body, RecordPurpose);
            if (!expected.TryGetValue(record.RecordId, out var entry))
            {
                if (unreadable.Contains(record.RecordId))
                {
                    // The entry that made it is already reported as altered; its record cannot be judged without it.
                    continue;
                }

                if (missingEntries.ContainsKey(record.RecordId))
                {
                    // Its entry was deleted from the log: report that once, naming what the entry had added.
                    missingEntries[record.RecordId] = json is null ? null : Describe(RecordDto.Parse(json), record.RecordId);
                    continue;
                }

                string what = json is null ? $"record {record.RecordId}" : Describe(RecordDto.Parse(json), record.RecordId);
                findings.Add(new(FindingKind.Added, what, "it is stored but no custody log entry added it (added behind the vault's back)"));
                continue;
            }

            string subject = Describe(RecordDto.Parse(Encoding.UTF8.GetBytes(entry.RecordJson!)), record.RecordId);
            if (json is null)
            {
                findings.Add(new(FindingKind.Altered, subject, "its stored row was changed outside Amparo (fails authentication)"));
            }
            else if (!string.Equals(Encoding.UTF8.GetString(json), entry.RecordJson, StringComparison.Ordinal))
            {
                findings.Add(new(FindingKind.Altered, subject, $"its stored row differs from custody log entry #{entry.Seq} ({DiffFields(entry.RecordJson!, Encoding.UTF8.GetString(json))})"));
            }
            else if (!string.Equals(record.Sha256, RecordDto.Parse(json).Sha256, StringComparison.Ordinal))
            {
                findings.Add(new(FindingKind.Altered, subject, "the content address stored beside it was changed"));
            }
        }

        foreach (var (seq, entry) in expected)
        {
            if (!seen.Contains(seq))
            {
                findings.Add(new(FindingKind.Removed, Describe(RecordDto.Parse(Encoding.UTF8.GetBytes(entry.RecordJson!)), seq), $"custody log entry #{seq} added it, but its row is gone"));
            }
        }

        long lastPresent = ordered.Count > 0 ? ordered[^1].Seq : 0;
        foreach (var (s, added) in missingEntries)
        {
            string where = s > lastPresent ? "it is missing from the end of the log (the case's sealed head names it)" : "it is missing from the log";
            findings.Add(new(FindingKind.Removed, $"custody log entry #{s}", added is null ? where : $"{where}; it had added {added}"));
        }

        // 3. Re-hash every stored file the log says the case holds.
        int itemsChecked = 0;
        long bytesChecked = 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            foreach (var (seq, entry) in expected)
            {
                var dto = RecordDto.Parse(Encoding.UTF8.GetBytes(entry.RecordJson!));
                if (!string.Equals(dto.Type, "item", StringComparison.Ordinal) || dto.Sha256 is null)
                {
                    continue;
                }

                string subject = Describe(dto, seq);
                if (!_store.Blobs.Exists(dto.Sha256))
                {
                    findings.Add(new(FindingKind.Removed, subject, "its stored file is gone from the vault"));
                    continue;
                }

                long length = 0;
                try
                {
                    await using var stream = BlobCipher.OpenRead(_store.Blobs.OpenRead(dto.Sha256), _blobKey, "stored file", dto.Sha256);
                    int n;
                    while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += n;
                    }

                    if (length != dto.Size)
                    {
                        findings.Add(new(FindingKind.Altered, subject, $"its stored file holds {length:N0} bytes, not {dto.Size:N0}"));
                    }
                }
                catch (EvidenceIntegrityException ex)
                {
                    findings.Add(new(FindingKind.Altered, subject, ex.Message));
                }

                itemsChecked++;
                bytesChecked += length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // 4. Files nobody logged: vault-wide, since a blob belongs to no case until a log entry says so.
        var referenced = new HashSet<string>(await _store.ReadBlobReferencesAsync(cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        foreach (var entry in expected.Values)
        {
            referenced.UnionWith(entry.Items);
        }

        var listing = _store.Blobs.List();
        foreach (string blob in listing.Blobs)
        {
            if (!referenced.Contains(blob))
            {
                findings.Add(new(FindingKind.Added, $"stored file blobs/{blob[..2]}/{blob}.blob", "no custody log entry of any case added it (added behind the vault's back)"));
            }
        }

        foreach (string file in listing.UnexpectedFiles)
        {
            findings.Add(new(FindingKind.Added, $"file {file}", "it is not a vault file (added behind the vault's back)"));
        }

        return new VerificationReport
        {
            CaseId = caseId,
            Findings = findings,
            ItemsChecked = itemsChecked,
            BytesChecked = bytesChecked,
            LogEntries = rows.Count,
            LogHead = ordered.Count > 0 ? ordered[^1].Hash : null,
        };
    }

    private static string Describe(RecordDto dto, long id) => dto.Type switch
    {
        "item" => $"item #{id} '{dto.FileName}' (sha256 {dto.Sha256?[..Math.Min(12, dto.Sha256.Length)]}…)",
        "note" => $"note #{id}",
        "suspect" => $"suspect identifier #{id} ({dto.IdentifierKind})",
        _ => $"record #{id} ({dto.Type})",
    };

    /// <summary>Names the top-level fields that differ between two record JSONs.</summary>
    private static string DiffFields(string expectedJson, string actualJson)
    {
        try
        {
            using var a = JsonDocument.Parse(expectedJson);
            using var b = JsonDocument.Parse(actualJson);
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var p in a.RootElement.EnumerateObject())
            {
                if (!b.RootElement.TryGetProperty(p.Name, out var q) || !string.Equals(p.Value.GetRawText(), q.GetRawText(), StringComparison.Ordinal))
                {
                    names.Add(p.Name);
                }
            }

            foreach (var q in b.RootElement.EnumerateObject())
            {
                if (!a.RootElement.TryGetProperty(q.Name, out _))
                {
                    names.Add(q.Name);
                }
            }

            return names.Count == 0 ? "formatting only" : "changed: " + string.Join(", ", names);
        }
        catch (JsonException)
        {
            return "not valid JSON";
        }
    }
}
