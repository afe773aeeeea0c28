namespace Amparo.Evidence.Verification;

/// <summary>What kind of difference a verification found.</summary>
public enum FindingKind
{
    /// <summary>Something stored no longer has the content the custody log recorded.</summary>
    Altered,

    /// <summary>Something the custody log recorded is gone.</summary>
    Removed,

    /// <summary>Something is present that no custody log entry put there (added behind the vault's back).</summary>
    Added,

    /// <summary>Custody log entries are present but out of their order.</summary>
    Reordered,
}

/// <summary>One difference, named precisely enough to find it.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">What it happened to ("custody log entry #3", "item 'chat.txt' (sha256 ab12…)").</param>
/// <param name="Detail">How it was detected.</param>
public sealed record VerificationFinding(FindingKind Kind, string Subject, string Detail)
{
    public override string ToString() => $"{Kind.ToString().ToUpperInvariant()}: {Subject}: {Detail}";
}

/// <summary>The result of re-checking a case.</summary>
public sealed record VerificationReport
{
    public required string CaseId { get; init; }

    public IReadOnlyList<VerificationFinding> Findings { get; init; } = [];

    /// <summary>Stored files re-hashed.</summary>
    public int ItemsChecked { get; init; }

    /// <summary>Plaintext bytes re-hashed.</summary>
    public long BytesChecked { get; init; }

    public int LogEntries { get; init; }

    /// <summary>Hash of the last custody log entry (what a bundle's manifest quotes).</summary>
    public string? LogHead { get; init; }

    /// <summary>True only when nothing at all differs.</summary>
    public bool IsIntact => Findings.Count == 0;
}
