namespace Amparo.Evidence.Bundle;

/// <summary>How a sealed bundle is made.</summary>
public sealed record ExportOptions
{
    public static ExportOptions Default { get; } = new();

    /// <summary>Extra files to seal into the bundle, such as the complaint report (<c>report/report.pdf</c>).</summary>
    public IReadOnlyList<BundleExtraFile> ExtraFiles { get; init; } = [];

    /// <summary>Include derived items (imported conversations, analyses) beside the originals.</summary>
    public bool IncludeDerived { get; init; } = true;

    /// <summary>Who the bundle is for ("PDI Cibercrimen, Santiago"); recorded in the custody log.</summary>
    public string? Recipient { get; init; }
}

/// <summary>A file another part of Amparo (reporting) adds to a bundle; hashed and signed with the rest.</summary>
public sealed record BundleExtraFile
{
    /// <summary>Path inside the bundle, forward slashes, e.g. <c>report/report.pdf</c>. Must not clash with vault files.</summary>
    public required string Path { get; init; }

    public required string MediaType { get; init; }

    /// <summary>Opens the content; called once, the stream is disposed by the writer.</summary>
    public required Func<CancellationToken, Task<Stream>> Open { get; init; }

    /// <summary>The manifest role ("report" unless said otherwise).</summary>
    public string Role { get; init; } = "report";
}

/// <summary>What an export produced.</summary>
public sealed record ExportResult
{
    public required string BundleId { get; init; }

    public required string CaseId { get; init; }

    /// <summary>SHA-256 of manifest.json, the bytes the signature covers.</summary>
    public required string ManifestSha256 { get; init; }

    public required string SigningKeyFingerprint { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }
}
