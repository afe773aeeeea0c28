using System.Security.Cryptography;
using Amparo.Core;
using Amparo.Ocr.Layout;
using Amparo.Ocr.Transcription;

namespace Amparo.Ocr;

/// <summary>
/// Turns screenshots of one chat into one conversation: each image is read (bubbles, sides, times, the
/// contact's name), then the images are stitched in the order given without repeating their overlap.
/// </summary>
public sealed class ScreenshotTranscriber
{
    /// <summary>The participant id of the person who took the screenshots (right-hand bubbles).</summary>
    public const string ExporterId = "me";

    /// <summary>The participant id of the other person (left-hand bubbles).</summary>
    public const string ContactId = "contact";

    private readonly ScreenshotOptions _options;
    private readonly ScreenshotReader _reader;

    public ScreenshotTranscriber(ScreenshotOptions? options = null)
    {
        _options = options ?? ScreenshotOptions.Default;
        _reader = new ScreenshotReader(_options);
    }

    /// <summary>Transcribes image files, in the order given.</summary>
    public Task<ScreenshotTranscript> TranscribeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return TranscribeAsync(paths.Select(ScreenshotInput.FromFile).ToList(), cancellationToken);
    }

    /// <summary>Transcribes images (streams), in the order given. Unreadable images become diagnostics.</summary>
    public async Task<ScreenshotTranscript> TranscribeAsync(IReadOnlyList<ScreenshotInput> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var pages = new List<ScreenshotPage>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var input in images)
        {
            var (data, problem) = await ReadAllAsync(input, cancellationToken).ConfigureAwait(false);
            if (data is null)
            {
                pages.Add(new ScreenshotPage { File = input.Name, Diagnostics = [new ImportDiagnostic(DiagnosticSeverity.Error, input.Name, null, problem!)] });
                continue;
            }

            hash.AppendData(data);
            pages.Add(await _reader.ReadAsync(data, input.Name, cancellationToken).ConfigureAwait(false));
        }

        var diagnostics = pages.SelectMany(p => p.Diagnostics).ToList();
        var stitched = Stitcher.Stitch(pages, diagnostics);
        var conversation = Build(pages, stitched, diagnostics, Convert.ToHexStringLower(hash.GetHashAndReset())[..16]);
        return new ScreenshotTranscript { Conversation = conversation, Pages = pages, Sources = stitched };
    }

    private async Task<(byte[]? Data, string? Problem)> ReadAllAsync(ScreenshotInput input, CancellationToken cancellationToken)
    {
        try
        {
            var stream = input.Open();
            await using (stream.ConfigureAwait(false))
            {
                long max = _options.Limits.MaxFileBytes;
                using var buffer = new MemoryStream();
                var chunk = new byte[1 << 16];
                while (true)
                {
                    int n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    if (buffer.Length + n > max)
                    {
                        return (null, $"the file is larger than the {max >> 20} MB limit for a screenshot; it was not read");
                    }

                    buffer.Write(chunk, 0, n);
                }

                return (buffer.ToArray(), null);
            }
        }
        catch (FileNotFoundException)
        {
            return (null, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            return (null, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, "the file could not be opened for reading");
        }
    }

    private static Conversation Build(List<ScreenshotPage> pages, IReadOnlyList<StitchedMessage> stitched, List<ImportDiagnostic> diagnostics, string hash)
    {
        // The name most screenshots agree on; one misread header does not rename the contact.
        string? name = pages.Select(p => p.ContactName).Where(n => n is not null)
            .GroupBy(n => n!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();

        var messages = new List<Message>(stitched.Count);
        foreach (var item in stitched)
        {
            var m = item.Message;
            if (m.ClippedTop || m.ClippedBottom)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Info, item.File, null,
                    $"message {messages.Count + 1} is cut off at the {(m.ClippedTop ? "top" : "bottom")} of the screenshot; only its visible part was read"));
            }

            messages.Add(new Message
            {
                Index = messages.Count,
                AuthorId = m.Side switch
                {
                    ScreenshotSide.Exporter => ExporterId,
                    ScreenshotSide.Contact => ContactId,
                    ScreenshotSide.Centre => "",
                },
                Time = m.Time,
                Text = m.Text,
                Kind = m.Kind,
                Attachments = m.Kind == MessageKind.Media
                    ? [new Attachment { FileName = "picture in the screenshot (not read)", Omitted = true }]
                    : [],
                Source = new SourceLocation
                {
                    File = item.File,
                    Box = m.Box,
                    Confidence = m.Words.Count > 0 ? Math.Round(m.Confidence, 3) : null,
                    LowConfidence = m.LowConfidence,
                },
            });
        }

        var files = pages.Select(p => p.File).ToList();
        return new Conversation
        {
            Id = "screenshot-" + hash,
            Source = SourceApp.Screenshot,
            Title = name,
            SourceFile = files.Count > 0 ? files[0] : null,
            Participants =
            [
                new Participant { Id = ContactId, DisplayName = name ?? "Contact", IsExporter = false },
                new Participant { Id = ExporterId, DisplayName = "Me (screenshot owner)", IsExporter = true },
            ],
            Messages = messages,
            Diagnostics = diagnostics,
        };
    }
}
