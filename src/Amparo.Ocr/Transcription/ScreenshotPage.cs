using Amparo.Core;
using Amparo.Ocr.Engine;
using Amparo.Ocr.Layout;

namespace Amparo.Ocr.Transcription;

/// <summary>One message (or centred notice) read from one screenshot.</summary>
public sealed record ScreenshotMessage
{
    public required ScreenshotSide Side { get; init; }

    public MessageKind Kind { get; init; } = MessageKind.Text;

    /// <summary>The recognised words, wrapped lines joined with spaces; the in-bubble time is not part of it.</summary>
    public string Text { get; init; } = "";

    /// <summary>The time printed in or under the bubble, when there is one.</summary>
    public MessageTime Time { get; init; }

    /// <summary>Where the bubble is in the image.</summary>
    public required PixelBox Box { get; init; }

    /// <summary>Mean word confidence, 0..1 (1 when there are no words).</summary>
    public double Confidence { get; init; } = 1;

    public IReadOnlyList<LowConfidenceSpan> LowConfidence { get; init; } = [];

    /// <summary>The words as recognised, in the image's coordinates.</summary>
    public IReadOnlyList<OcrWord> Words { get; init; } = [];

    /// <summary>Cut by the top of the chat area: only its lower part is visible.</summary>
    public bool ClippedTop { get; init; }

    /// <summary>Cut by the bottom of the chat area: only its upper part is visible.</summary>
    public bool ClippedBottom { get; init; }
}

/// <summary>Everything read from one screenshot.</summary>
public sealed record ScreenshotPage
{
    /// <summary>The image's file name.</summary>
    public required string File { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>The name in the app bar, when it could be read.</summary>
    public string? ContactName { get; init; }

    /// <summary>Top to bottom.</summary>
    public IReadOnlyList<ScreenshotMessage> Messages { get; init; } = [];

    public IReadOnlyList<ImportDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>The layout found, for review tools (null when the image could not be decoded).</summary>
    public PageLayout? Layout { get; init; }

    /// <summary>True when the image was decoded and read (possibly with warnings).</summary>
    public bool IsRead => Layout is not null;
}
