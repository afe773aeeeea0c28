using Amparo.Core;

namespace Amparo.Ocr.Transcription;

/// <summary>
/// A conversation rebuilt from screenshots: a derived, reviewable transcript. The images stay the evidence;
/// every message points back to its image and the box it was read from.
/// </summary>
public sealed record ScreenshotTranscript
{
    /// <summary>The transcript as a conversation (<see cref="SourceApp.Screenshot"/>).</summary>
    public required Conversation Conversation { get; init; }

    /// <summary>What was read from each image, in the order given.</summary>
    public IReadOnlyList<ScreenshotPage> Pages { get; init; } = [];

    /// <summary>Same order as <see cref="Conversation.Messages"/>: the page each message came from.</summary>
    public IReadOnlyList<StitchedMessage> Sources { get; init; } = [];
}

/// <summary>A screenshot offered to the transcriber: a name for messages and a way to read it.</summary>
public sealed record ScreenshotInput
{
    /// <summary>The file name (not a full path) recorded in each message's source.</summary>
    public required string Name { get; init; }

    /// <summary>Opens the image from the start.</summary>
    public required Func<Stream> Open { get; init; }

    /// <summary>An input for a file on disk.</summary>
    public static ScreenshotInput FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new ScreenshotInput
        {
            Name = Path.GetFileName(path),
            Open = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous),
        };
    }
}
