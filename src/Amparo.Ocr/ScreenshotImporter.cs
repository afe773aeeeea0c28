using System.Runtime.CompilerServices;
using Amparo.Core;
using Amparo.Importers;
using Amparo.Ocr.Imaging;
using Amparo.Ocr.Transcription;

namespace Amparo.Ocr;

/// <summary>
/// Screenshots (PNG or JPEG, found by their magic bytes) as a chat-export format, for hosts that take
/// "any export": one image becomes one conversation. Several screenshots of one chat belong together; hosts
/// that receive them as a set use <see cref="ReadGroupAsync"/> (or <see cref="ScreenshotTranscriber"/>).
/// </summary>
public sealed class ScreenshotImporter(ScreenshotOptions? options = null) : IChatImporter
{
    private readonly ScreenshotTranscriber _transcriber = new(options);

    public string Format => "screenshot";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) => ImageDecoder.IsSupported(head);

    public IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadAsync([new ScreenshotInput { Name = input.FileName, Open = input.Open }], cancellationToken);
    }

    /// <summary>Reads screenshots of one chat, in order, as one conversation.</summary>
    public IAsyncEnumerable<ImportItem> ReadGroupAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return ReadAsync(paths.Select(ScreenshotInput.FromFile).ToList(), cancellationToken);
    }

    /// <summary>True when the file starts like a PNG or JPEG (false when it cannot be read).</summary>
    public static bool IsScreenshotFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[8];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return ImageDecoder.IsSupported(head[..n]);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async IAsyncEnumerable<ImportItem> ReadAsync(IReadOnlyList<ScreenshotInput> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Conversation? conversation = null;
        ImportDiagnostic? failure = null;
        try
        {
            conversation = (await _transcriber.TranscribeAsync(inputs, cancellationToken).ConfigureAwait(false)).Conversation;
        }
        catch (OcrException ex)
        {
            failure = new ImportDiagnostic(DiagnosticSeverity.Error, inputs.Count > 0 ? inputs[0].Name : "", null, $"screenshots cannot be read on this machine: {ex.Message}");
        }

        if (failure is not null)
        {
            yield return ImportItem.Of(failure);
            yield break;
        }

        if (conversation!.Messages.Count > 0)
        {
            yield return ImportItem.Of(conversation);
            yield break;
        }

        // Nothing readable: the reasons become input diagnostics so the host can say which file failed.
        var errors = conversation.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            errors.Add(new ImportDiagnostic(DiagnosticSeverity.Error, inputs.Count > 0 ? inputs[0].Name : "", null, "no chat messages were found in the screenshot"));
        }

        foreach (var e in errors)
        {
            yield return ImportItem.Of(e);
        }
    }
}
