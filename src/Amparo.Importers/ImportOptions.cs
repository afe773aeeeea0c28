namespace Amparo.Importers;

/// <summary>Limits and hooks for an import. Defaults are safe for untrusted files.</summary>
public sealed record ImportOptions
{
    public static ImportOptions Default { get; } = new();

    /// <summary>Longest line (characters) a text importer keeps before cutting it with a diagnostic.</summary>
    public int MaxLineLength { get; init; } = 1 << 20;

    /// <summary>Total uncompressed bytes read from one archive before refusing the rest (zip-bomb cap).</summary>
    public long MaxArchiveUncompressedBytes { get; init; } = 8L << 30;

    /// <summary>Largest compression ratio accepted for one archive entry (zip-bomb cap).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Most entries read from one archive.</summary>
    public int MaxArchiveEntries { get; init; } = 100_000;

    /// <summary>Receives bytes-read progress for long imports; may be null.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>Force a format by <see cref="IChatImporter.Format"/> name instead of sniffing.</summary>
    public string? Format { get; init; }
}

/// <summary>Progress of one file's import.</summary>
public readonly record struct ImportProgress(string FileName, long BytesRead, long? TotalBytes);
