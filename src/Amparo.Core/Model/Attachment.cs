namespace Amparo.Core;

/// <summary>A file attached to a message. Its content lives in the evidence vault, never in the model.</summary>
public sealed record Attachment
{
    /// <summary>The file name the export gave, or a description such as "image omitted".</summary>
    public required string FileName { get; init; }

    public string? MediaType { get; init; }

    public long? Size { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex, when the file was present in the export.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True when the export left the media out (<c>&lt;Media omitted&gt;</c>).</summary>
    public bool Omitted { get; init; }
}
