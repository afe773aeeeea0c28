using Amparo.Core;

namespace Amparo.Importers;

/// <summary>
/// Reads one chat-export format. Implementations are stateless; the format is decided from content
/// (<see cref="CanRead"/>), never from the file extension alone.
/// </summary>
public interface IChatImporter
{
    /// <summary>Short stable name ("whatsapp", "telegram", …) used in messages and <c>--format</c>.</summary>
    string Format { get; }

    /// <summary>
    /// Content sniffing: <paramref name="head"/> is the first bytes of the file (up to
    /// <see cref="ImportInput.SniffLength"/>). Must be cheap and must not throw.
    /// </summary>
    bool CanRead(ReadOnlySpan<byte> head, string fileName);

    /// <summary>
    /// Streams the conversations in the input. Problems come back as <see cref="ImportItem.Diagnostic"/> items
    /// (or in <see cref="Conversation.Diagnostics"/>), never as exceptions, except cancellation and I/O failure.
    /// </summary>
    IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, CancellationToken cancellationToken = default);
}

/// <summary>A file (on disk or inside an archive) offered to an importer.</summary>
public sealed record ImportInput
{
    /// <summary>How many leading bytes importers are shown for sniffing.</summary>
    public const int SniffLength = 64 * 1024;

    /// <summary>Name used in diagnostics and ids (file name, or <c>archive.zip/entry</c>).</summary>
    public required string FileName { get; init; }

    /// <summary>Opens the content from the start. May be called more than once (two-pass formats).</summary>
    public required Func<Stream> Open { get; init; }

    /// <summary>Size in bytes when known (progress, limits).</summary>
    public long? Length { get; init; }

    /// <summary>Other files next to this one (media in the same zip or folder), by name, for linking attachments.</summary>
    public IReadOnlyDictionary<string, Func<Stream>> Siblings { get; init; } = new Dictionary<string, Func<Stream>>(StringComparer.Ordinal);

    public ImportOptions Options { get; init; } = ImportOptions.Default;

    /// <summary>
    /// This file's path inside its zip or the folder being read (<c>/</c>-separated), the same root the
    /// <see cref="Siblings"/> keys are relative to; null when read on its own.
    /// </summary>
    public string? RelativePath { get; init; }
}

/// <summary>One result of an import: a conversation, or a diagnostic about the input itself.</summary>
public sealed record ImportItem
{
    public Conversation? Conversation { get; init; }

    public ImportDiagnostic? Diagnostic { get; init; }

    public static ImportItem Of(Conversation conversation) => new() { Conversation = conversation };

    public static ImportItem Of(ImportDiagnostic diagnostic) => new() { Diagnostic = diagnostic };
}
