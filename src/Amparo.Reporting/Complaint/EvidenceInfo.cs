using Amparo.Core;

namespace Amparo.Reporting.Complaint;

/// <summary>Who is making the complaint.</summary>
/// <param name="Name">The reporter's name as they want it on the report.</param>
/// <param name="Role">Their relation to the young person (mother, teacher, the young person themself…).</param>
/// <param name="Contact">How the police can reach them (phone or email), if they give it.</param>
public sealed record ReporterInfo(string Name, string? Role = null, string? Contact = null);

/// <summary>One item in the evidence vault, as the report needs it.</summary>
public sealed record EvidenceItemInfo
{
    public required string Name { get; init; }

    /// <summary>SHA-256 of the stored bytes, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>MD5 of the stored bytes, lower-case hex (some hotlines ask for it).</summary>
    public string? Md5 { get; init; }

    public long? Size { get; init; }

    public string? MediaType { get; init; }

    /// <summary><c>original</c> (as received) or <c>derived</c> (an import or analysis of an original).</summary>
    public string Kind { get; init; } = "original";

    public string? CapturedBy { get; init; }

    public DateTimeOffset? CapturedAt { get; init; }

    public string? Device { get; init; }

    public string? App { get; init; }

    /// <summary>True for pictures and videos: the report shows only a placeholder with the hash.</summary>
    public bool IsImage { get; init; }
}

/// <summary>One entry of the custody log.</summary>
/// <param name="Sequence">1-based position in the log.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Action">What was done (<c>case-created</c>, <c>item-added</c>, <c>exported</c>…).</param>
/// <param name="EntryHash">This entry's hash in the chain.</param>
public sealed record CustodyEntryInfo(int Sequence, DateTimeOffset Time, string Actor, string Action, string EntryHash);

/// <summary>What the evidence vault knows about a case, as input for the report.</summary>
public sealed record CaseEvidenceInfo
{
    public required string CaseId { get; init; }

    public IReadOnlyList<EvidenceItemInfo> Items { get; init; } = [];

    public IReadOnlyList<CustodyEntryInfo> Custody { get; init; } = [];

    /// <summary>The result of verifying the hash chain and every original; null when not checked.</summary>
    public bool? CustodyVerified { get; init; }

    /// <summary>The suspect's identifiers recorded in the case (username, profile address, phone), beyond the export's.</summary>
    public IReadOnlyList<ParticipantIdentifier> SuspectIdentifiers { get; init; } = [];
}
