using Amparo.Core;
using Amparo.Detection;
using Amparo.Reporting.Guidance;

namespace Amparo.Reporting.Complaint;

/// <summary>A person in the conversation, with every way to find them again.</summary>
public sealed record ReportPerson(string DisplayName, string? ParticipantId, IReadOnlyList<ParticipantIdentifier> Identifiers);

/// <summary>One tactic found, with how often and where it first appeared.</summary>
public sealed record TacticSummary(string Id, string Name, int Count, int FirstMessage);

/// <summary>A tactic named under one message, with the words that matched.</summary>
public sealed record TacticMention(string Id, string Name, string Evidence);

/// <summary>An image or attachment, never its content: a placeholder with its hash.</summary>
/// <param name="Name">File name or description.</param>
/// <param name="Sha256">The hash, or null when the export left the file out.</param>
/// <param name="Md5">The MD5 hash, when the vault recorded one.</param>
/// <param name="MessageIndex">The message it belongs to, or null for vault items.</param>
/// <param name="IsImage">True for pictures and videos.</param>
public sealed record MediaPlaceholder(string Name, string? Sha256, string? Md5, int? MessageIndex, bool IsImage);

/// <summary>One message in the report's timeline.</summary>
public sealed record TimelineEntry
{
    public required int Index { get; init; }

    public MessageTime Time { get; init; }

    public required string Author { get; init; }

    public bool BySuspect { get; init; }

    /// <summary>The text exactly as exported (attacker-written: renderers must escape it).</summary>
    public required string Text { get; init; }

    public IReadOnlyList<TacticMention> Tactics { get; init; } = [];

    public IReadOnlyList<MediaPlaceholder> Media { get; init; } = [];

    /// <summary>The streaming risk after this message, when known.</summary>
    public double? Risk { get; init; }

    public bool Flagged => Tactics.Count > 0;
}

/// <summary>A run of messages left out of the timeline because nothing was found in them.</summary>
public sealed record TimelineGap(int FirstIndex, int Count);

/// <summary>Custody log in brief.</summary>
public sealed record CustodySummary(int Entries, DateTimeOffset? First, DateTimeOffset? Last, bool? Verified, string? LastEntryHash, IReadOnlyList<CustodyEntryInfo> Log);

/// <summary>
/// Everything a complaint report says, already decided and in one language, so the PDF and HTML renderers only lay
/// it out. Build it with <see cref="ComplaintReportBuilder"/>.
/// </summary>
public sealed record ComplaintReportModel
{
    public required string CaseId { get; init; }

    public required string Language { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required ReporterInfo Reporter { get; init; }

    public required string Platform { get; init; }

    public string? ConversationTitle { get; init; }

    public required ReportPerson Suspect { get; init; }

    public ReportPerson? Child { get; init; }

    public MessageTime FirstMessage { get; init; }

    public MessageTime LastMessage { get; init; }

    public int MessageCount { get; init; }

    public int? FirstAlert { get; init; }

    public MessageTime FirstAlertTime { get; init; }

    /// <summary>What happened, in plain words (several sentences).</summary>
    public required string Summary { get; init; }

    public required RiskLevel Level { get; init; }

    public required double Risk { get; init; }

    public bool Alert { get; init; }

    public IReadOnlyList<TacticSummary> Tactics { get; init; } = [];

    /// <summary>Messages shown, in order; runs without findings in long chats are replaced by <see cref="Gaps"/>.</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public IReadOnlyList<TimelineGap> Gaps { get; init; } = [];

    public int FlaggedMessages { get; init; }

    public IReadOnlyList<StageSpan> Stages { get; init; } = [];

    /// <summary>Where the analysis came from (the detector and model version, or a named fixture).</summary>
    public required string AnalysisSource { get; init; }

    public IReadOnlyList<EvidenceItemInfo> Evidence { get; init; } = [];

    public CustodySummary? Custody { get; init; }

    /// <summary>Every image or attachment, by hash.</summary>
    public IReadOnlyList<MediaPlaceholder> Images { get; init; } = [];

    public IReadOnlyList<GuidanceStep> Guidance { get; init; } = [];

    public IReadOnlyList<ImportDiagnostic> Diagnostics { get; init; } = [];
}
