namespace Amparo.Core;

/// <summary>What a message is.</summary>
public enum MessageKind
{
    Text,
    Media,
    System,
    Deleted,
}

/// <summary>A rectangle in a source image, in pixels.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height);

/// <summary>Where a message came from in its source file, so a quote can be traced back.</summary>
public sealed record SourceLocation
{
    /// <summary>The source file name (not a full path).</summary>
    public required string File { get; init; }

    /// <summary>1-based line of the message's first line, for text formats.</summary>
    public long? Line { get; init; }

    /// <summary>For screenshots: where in the image the message was read.</summary>
    public PixelBox? Box { get; init; }

    /// <summary>For OCR: the mean recognition confidence, 0..1.</summary>
    public double? Confidence { get; init; }

    /// <summary>For OCR: the words of the message text the recogniser was unsure of (empty when none or not OCR).</summary>
    public IReadOnlyList<LowConfidenceSpan> LowConfidence { get; init; } = [];
}

/// <summary>One message of a conversation.</summary>
public sealed record Message
{
    /// <summary>0-based position in the conversation, oldest first.</summary>
    public required int Index { get; init; }

    /// <summary>The <see cref="Participant.Id"/> of the author; empty for system messages with no author.</summary>
    public required string AuthorId { get; init; }

    public MessageTime Time { get; init; }

    /// <summary>The text exactly as exported (line breaks kept, no normalisation).</summary>
    public string Text { get; init; } = "";

    public MessageKind Kind { get; init; } = MessageKind.Text;

    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    public SourceLocation? Source { get; init; }
}
