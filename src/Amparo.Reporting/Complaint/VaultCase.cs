using System.Text;
using Amparo.Core;
using Amparo.Core.Interchange;
using Amparo.Evidence;

namespace Amparo.Reporting.Complaint;

/// <summary>What the vault holds for a report: the evidence summary and the conversations imported into the case.</summary>
/// <param name="Evidence">Items with hashes and capture metadata, the custody log, its verification and the suspect's identifiers.</param>
/// <param name="Conversations">Every derived conversation item, parsed.</param>
/// <param name="Originals">Originals that are not pictures (chat exports a caller may still need to import).</param>
/// <param name="Contents">The case as stored.</param>
public sealed record VaultCase(
    CaseEvidenceInfo Evidence,
    IReadOnlyList<Conversation> Conversations,
    IReadOnlyList<EvidenceItem> Originals,
    CaseContents Contents);

/// <summary>Reads a case from the evidence vault into the report's own input types.</summary>
public static class VaultCaseReader
{
    /// <summary>Largest derived conversation read into memory (the vault's export keeps the same limit).</summary>
    public const long MaxConversationBytes = 64L << 20;

    /// <summary>
    /// Reads the case, its custody log and a fresh verification (so the report says whether the chain checked),
    /// and parses every derived conversation. Throws <see cref="EvidenceNotFoundException"/> for an unknown case.
    /// </summary>
    public static async Task<VaultCase> ReadAsync(IEvidenceVault vault, string caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var contents = await vault.GetCaseAsync(caseId, cancellationToken).ConfigureAwait(false);
        var log = await vault.ReadCustodyLogAsync(caseId, cancellationToken).ConfigureAwait(false);
        var verification = await vault.VerifyAsync(caseId, cancellationToken).ConfigureAwait(false);

        var conversations = new List<Conversation>();
        foreach (var item in contents.Items)
        {
            if (item.Role != ItemRole.Derived || !string.Equals(item.Kind, ItemKinds.Conversation, StringComparison.Ordinal) || item.Size > MaxConversationBytes)
            {
                continue;
            }

            await using var stream = await vault.OpenItemAsync(caseId, item.Sha256, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await foreach (var record in InterchangeJsonl.ReadAsync(reader, item.FileName, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (record.Conversation is { } conversation)
                {
                    conversations.Add(conversation);
                }
            }
        }

        var evidence = new CaseEvidenceInfo
        {
            CaseId = contents.Case.Id,
            Items = contents.Items.Select(ToInfo).ToArray(),
            Custody = log.Select(e => new CustodyEntryInfo((int)e.Seq, e.Time, e.Actor, Describe(e), e.Hash)).ToArray(),
            CustodyVerified = verification.IsIntact,
            SuspectIdentifiers = contents.Suspect.Select(s => new ParticipantIdentifier(s.Kind, s.Value)).ToArray(),
        };
        var originals = contents.Items.Where(i => i.Role == ItemRole.Original && !i.ShowAsPlaceholder).ToArray();
        return new VaultCase(evidence, conversations, originals, contents);
    }

    /// <summary>The report's view of one vault item; pictures, videos and anything flagged as showing a minor become placeholders.</summary>
    public static EvidenceItemInfo ToInfo(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new EvidenceItemInfo
        {
            Name = item.FileName,
            Sha256 = item.Sha256,
            Md5 = item.Md5,
            Size = item.Size,
            MediaType = item.MediaType,
            Kind = item.Role == ItemRole.Original ? "original" : "derived",
            CapturedBy = item.Capture?.CapturedBy ?? item.AddedBy,
            CapturedAt = item.Capture?.CapturedAt ?? item.AddedAt,
            Device = item.Capture?.Device,
            App = item.Capture?.App,
            IsImage = item.ShowAsPlaceholder,
        };
    }

    private static string Describe(CustodyEntry entry) =>
        entry.Items.Count == 0 ? entry.Action : $"{entry.Action} sha256:{string.Join(", ", entry.Items.Select(h => h.Length > 16 ? h[..16] : h))}";
}
