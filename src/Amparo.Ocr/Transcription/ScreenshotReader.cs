using System.Globalization;
using System.Text;
using Amparo.Core;
using Amparo.Ocr.Engine;
using Amparo.Ocr.Imaging;
using Amparo.Ocr.Layout;

namespace Amparo.Ocr.Transcription;

/// <summary>Reads the messages of one chat screenshot: layout from the pixels, words from tesseract.</summary>
public sealed class ScreenshotReader
{
    private readonly ScreenshotOptions _options;
    private readonly TesseractEngine _engine;

    public ScreenshotReader(ScreenshotOptions? options = null)
    {
        _options = options ?? ScreenshotOptions.Default;
        _engine = new TesseractEngine(_options.Tesseract);
    }

    /// <summary>Reads one image held in memory. Bad images come back as a page with diagnostics.</summary>
    public async Task<ScreenshotPage> ReadAsync(ReadOnlyMemory<byte> data, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var decoded = await ImageDecoder.DecodeAsync(data, fileName, _options.Limits, _options.DjpegExecutable, cancellationToken).ConfigureAwait(false);
        if (decoded.Image is not { } image)
        {
            return new ScreenshotPage { File = fileName, Diagnostics = decoded.Diagnostics };
        }

        var diagnostics = new List<ImportDiagnostic>(decoded.Diagnostics);
        var layout = LayoutAnalyzer.Analyze(image);
        foreach (var note in layout.Notes)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Info, fileName, null, note));
        }

        int scale = _options.Scale ?? ChooseScale(layout);
        var canvas = OcrCanvas.Build(image, layout, scale);
        var (words, problem) = await _engine.RecognizeAsync(image.Width * scale, image.Height * scale, canvas, cancellationToken).ConfigureAwait(false);
        if (words is null)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, fileName, null, problem ?? "text recognition failed"));
            return new ScreenshotPage { File = fileName, Width = image.Width, Height = image.Height, Layout = layout, Diagnostics = diagnostics };
        }

        var scaled = words.Select(wd => wd with { Box = Unscale(wd.Box, scale) }).ToList();
        scaled = await RereadTimestampsAsync(layout, scaled, canvas, image.Width * scale, scale, cancellationToken).ConfigureAwait(false);
        var page = Assemble(fileName, layout, scaled, _options.LowConfidenceThreshold, diagnostics);
        return page with { Width = image.Width, Height = image.Height };
    }

    /// <summary>
    /// The time inside a bubble is printed small and faint, and the language model likes to read "17:16" as
    /// "47.4,". Small words at the bottom right of a bubble that are not yet a clock are read again, enlarged,
    /// with only digits and separators allowed: one extra tesseract run for the whole page.
    /// </summary>
    private async Task<List<OcrWord>> RereadTimestampsAsync(PageLayout layout, List<OcrWord> words, byte[] canvas, int canvasWidth, int scale, CancellationToken cancellationToken)
    {
        var candidates = new List<OcrWord>();
        foreach (var region in layout.Regions.Where(r => r.Kind == RegionKind.Bubble))
        {
            var inside = words.Where(w => Contains(region.Box, w.Box)).ToList();
            var lines = Lines(inside);
            if (lines.Count == 0)
            {
                continue;
            }

            var last = lines[^1];
            var word = last[^1];
            var heights = inside.Where(w => w != word).Select(w => w.Box.Height).Order().ToList();
            bool small = heights.Count > 0 && word.Box.Height <= heights[heights.Count / 2] * 0.92;
            bool atRight = word.Box.X + word.Box.Width >= region.Box.X + (region.Box.Width * 0.6);
            if (small && atRight && word.Text.Length is >= 3 and <= 7 && word.Text.Count(char.IsDigit) >= 2)
            {
                candidates.Add(word);
            }
        }

        if (candidates.Count == 0)
        {
            return words;
        }

        // Stack the crops, enlarged to about 40 px of digit height, one per line with white space between.
        const int Pad = 4, Gap = 24;
        var crops = new List<(byte[] Pixels, int W, int H)>();
        foreach (var c in candidates)
        {
            int x0 = Math.Max(0, (c.Box.X - Pad) * scale), y0 = Math.Max(0, (c.Box.Y - Pad) * scale);
            int x1 = Math.Min(canvasWidth, (c.Box.X + c.Box.Width + Pad) * scale), y1 = Math.Min(canvas.Length / canvasWidth, (c.Box.Y + c.Box.Height + Pad) * scale);
            int cw = x1 - x0, ch = y1 - y0;
            var crop = new byte[cw * ch];
            for (int y = 0; y < ch; y++)
            {
                Array.Copy(canvas, ((y0 + y) * canvasWidth) + x0, crop, y * cw, cw);
            }

            int f = Math.Clamp((int)Math.Ceiling(40.0 / Math.Max(1, c.Box.Height * scale)), 1, 6);
            crops.Add((f == 1 ? crop : OcrCanvas.Upscale(crop, cw, ch, f), cw * f, ch * f));
        }

        int width = crops.Max(c => c.W) + (2 * Gap), height = crops.Sum(c => c.H + Gap) + Gap;
        var strip = new byte[width * height];
        Array.Fill(strip, (byte)255);
        var bands = new List<(int Top, int Bottom)>();
        int cursor = Gap;
        foreach (var (pixels, w, h) in crops)
        {
            for (int y = 0; y < h; y++)
            {
                Array.Copy(pixels, y * w, strip, ((cursor + y) * width) + Gap, w);
            }

            bands.Add((cursor, cursor + h));
            cursor += h + Gap;
        }

        var (reread, _) = await _engine.RecognizeAsync(width, height, strip, 6, "0123456789:.", cancellationToken).ConfigureAwait(false);
        if (reread is null)
        {
            return words;
        }

        var result = new List<OcrWord>(words);
        for (int i = 0; i < candidates.Count; i++)
        {
            var (top, bottom) = bands[i];
            string text = string.Concat(reread.Where(r => r.Box.Y + (r.Box.Height / 2) >= top && r.Box.Y + (r.Box.Height / 2) < bottom).OrderBy(r => r.Box.X).Select(r => r.Text));
            if (TryParseClock(text, out int hh, out int mm) && hh < 24 && mm < 60)
            {
                int at = result.IndexOf(candidates[i]);
                result[at] = candidates[i] with { Text = text };
            }
        }

        return result;
    }

    private static bool Contains(PixelBox outer, PixelBox inner)
    {
        int cx = inner.X + (inner.Width / 2), cy = inner.Y + (inner.Height / 2);
        return cx >= outer.X && cx < outer.X + outer.Width && cy >= outer.Y && cy < outer.Y + outer.Height;
    }

    /// <summary>Enough enlargement that a line of text is tall enough for tesseract (about 30 px or more).</summary>
    internal static int ChooseScale(PageLayout layout)
    {
        var heights = layout.Regions
            .Where(r => r.Kind == RegionKind.Bubble && !r.ClippedTop && !r.ClippedBottom)
            .Select(r => r.Box.Height)
            .Order()
            .ToList();
        if (heights.Count == 0)
        {
            return layout.Width < 700 ? 2 : 1;
        }

        // The shortest bubbles hold one line: roughly twice the font size.
        int oneLine = heights[heights.Count / 4];
        return Math.Clamp((int)Math.Ceiling(64.0 / Math.Max(1, oneLine)), 1, 3);
    }

    private static PixelBox Unscale(PixelBox b, int s) =>
        s == 1 ? b : new PixelBox(b.X / s, b.Y / s, Math.Max(1, (b.Width + s - 1) / s), Math.Max(1, (b.Height + s - 1) / s));

    internal static ScreenshotPage Assemble(string fileName, PageLayout layout, IReadOnlyList<OcrWord> words, double lowConfidence, List<ImportDiagnostic> diagnostics)
    {
        var byRegion = new List<OcrWord>[layout.Regions.Count];
        var header = new List<OcrWord>();
        for (int i = 0; i < byRegion.Length; i++)
        {
            byRegion[i] = [];
        }

        int stray = 0;
        foreach (var word in words)
        {
            if (IsNoise(word))
            {
                continue;
            }

            int cx = word.Box.X + (word.Box.Width / 2), cy = word.Box.Y + (word.Box.Height / 2);
            if (layout.Header is { } hb && cy < hb.Y + hb.Height)
            {
                header.Add(word);
                continue;
            }

            int index = -1;
            for (int i = 0; i < layout.Regions.Count; i++)
            {
                var b = layout.Regions[i].Box;
                if (cx >= b.X && cx < b.X + b.Width && cy >= b.Y && cy < b.Y + b.Height)
                {
                    index = i;
                    break;
                }
            }

            if (index >= 0)
            {
                byRegion[index].Add(word);
            }
            else
            {
                stray++;
            }
        }

        if (stray > 0)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Info, fileName, null, $"{stray} recognised word(s) lay outside every bubble and were left out"));
        }

        var messages = new List<ScreenshotMessage>();
        for (int i = 0; i < layout.Regions.Count; i++)
        {
            var region = layout.Regions[i];
            var lines = Lines(byRegion[i]);
            if (region.Kind == RegionKind.Loose && messages.Count > 0 && AsMetadata(lines) is { } meta)
            {
                // "10:42" or "Seen" under a bubble belongs to the bubble above it.
                int last = messages.FindLastIndex(m => m.Side == region.Side);
                if (last >= 0 && !messages[last].Time.IsKnown && meta.IsKnown)
                {
                    messages[last] = messages[last] with { Time = meta };
                }

                continue;
            }

            var time = MessageTime.Unknown;
            if (region.Kind == RegionKind.Bubble)
            {
                time = TakeTimestamp(lines, region.Box);
            }

            var tokens = lines.SelectMany(l => l).ToList();
            if (tokens.Count == 0)
            {
                if (region.Kind == RegionKind.Bubble && region.Box.Height >= 40 && region.Box.Width >= 40 && !region.ClippedTop && !region.ClippedBottom)
                {
                    messages.Add(new ScreenshotMessage
                    {
                        Side = region.Side,
                        Kind = MessageKind.Media,
                        Box = region.Box,
                        Time = time,
                    });
                }

                continue;
            }

            var (text, spans) = Compose(lines, lowConfidence);
            messages.Add(new ScreenshotMessage
            {
                Side = region.Side,
                Kind = region.Kind == RegionKind.Separator ? MessageKind.System : MessageKind.Text,
                Text = text,
                Time = time,
                Box = region.Box,
                Confidence = tokens.Average(t => t.Confidence),
                LowConfidence = spans,
                Words = tokens,
                ClippedTop = region.ClippedTop,
                ClippedBottom = region.ClippedBottom,
            });
        }

        return new ScreenshotPage
        {
            File = fileName,
            ContactName = ContactName(header),
            Messages = messages,
            Diagnostics = diagnostics,
            Layout = layout,
        };
    }

    /// <summary>Marks tesseract makes on rounded corners and icons: no letter or digit, and unsure.</summary>
    private static bool IsNoise(OcrWord word) =>
        word.Confidence < 0.5 && !word.Text.Any(char.IsLetterOrDigit);

    /// <summary>Groups words into lines by their vertical centre, each line left to right.</summary>
    internal static List<List<OcrWord>> Lines(IReadOnlyList<OcrWord> words)
    {
        var lines = new List<List<OcrWord>>();
        if (words.Count == 0)
        {
            return lines;
        }

        var heights = words.Select(w => w.Box.Height).Order().ToList();
        double tolerance = Math.Max(3, heights[heights.Count / 2] * 0.5);
        var sorted = words.OrderBy(w => w.Box.Y + (w.Box.Height / 2.0)).ThenBy(w => w.Box.X).ToList();
        var current = new List<OcrWord>();
        double centre = 0;
        foreach (var word in sorted)
        {
            double c = word.Box.Y + (word.Box.Height / 2.0);
            if (current.Count > 0 && Math.Abs(c - centre) > tolerance)
            {
                lines.Add(current);
                current = [];
            }

            current.Add(word);
            centre = current.Average(w => w.Box.Y + (w.Box.Height / 2.0));
        }

        lines.Add(current);
        foreach (var line in lines)
        {
            line.Sort((a, b) => a.Box.X.CompareTo(b.Box.X));
        }

        return lines;
    }

    private static (string Text, IReadOnlyList<LowConfidenceSpan> Spans) Compose(List<List<OcrWord>> lines, double threshold)
    {
        var text = new StringBuilder();
        var spans = new List<LowConfidenceSpan>();
        foreach (var word in lines.SelectMany(l => l))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            if (word.Confidence < threshold)
            {
                spans.Add(new LowConfidenceSpan(text.Length, word.Text.Length, word.Confidence));
            }

            text.Append(word.Text);
        }

        return (text.ToString(), spans);
    }

    /// <summary>
    /// Takes the bubble's own time off its last line. It is printed smaller than the message, at the right
    /// edge, so a time the person typed ("see you at 10:30") is left in the text.
    /// </summary>
    private static MessageTime TakeTimestamp(List<List<OcrWord>> lines, PixelBox box)
    {
        if (lines.Count == 0)
        {
            return MessageTime.Unknown;
        }

        var last = lines[^1];
        var others = lines.SelectMany(l => l).ToList();
        for (int k = last.Count - 1; k >= Math.Max(0, last.Count - 3); k--)
        {
            var word = last[k];
            if (!TryParseClock(word.Text, out int hour, out int minute))
            {
                continue;
            }

            var trailing = last.Skip(k + 1).ToList();
            string suffix = string.Concat(trailing.Select(t => t.Text)).Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
            bool meridiem = suffix is "am" or "pm";
            bool onlyMarks = trailing.All(t => t.Box.Height <= word.Box.Height * 1.6 && t.Text.Length <= 3 && !t.Text.Any(char.IsDigit));
            if (!meridiem && !onlyMarks)
            {
                continue;
            }

            bool atRight = word.Box.X + word.Box.Width >= box.X + (box.Width * 0.6);
            var rest = others.Where(o => o != word && !trailing.Contains(o)).Select(o => o.Box.Height).Order().ToList();
            bool smaller = rest.Count == 0 || word.Box.Height <= rest[rest.Count / 2] * 0.92;
            if (!atRight || !smaller)
            {
                continue;
            }

            if (meridiem)
            {
                if (hour is < 1 or > 12)
                {
                    continue;
                }

                hour = (hour % 12) + (suffix == "pm" ? 12 : 0);
            }

            if (hour > 23 || minute > 59)
            {
                continue;
            }

            last.RemoveRange(k, last.Count - k);
            if (last.Count == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return MessageTime.OfDay(new TimeOnly(hour, minute));
        }

        return MessageTime.Unknown;
    }

    private static bool TryParseClock(string text, out int hour, out int minute)
    {
        hour = minute = 0;
        int sep = text.IndexOfAny([':', '.', '-']);
        if (sep is < 1 or > 2 || text.Length != sep + 3)
        {
            return false;
        }

        return int.TryParse(text.AsSpan(0, sep), NumberStyles.None, CultureInfo.InvariantCulture, out hour)
            && int.TryParse(text.AsSpan(sep + 1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out minute);
    }

    private static readonly string[] StatusWords = ["seen", "visto", "read", "leído", "leido", "delivered", "entregado", "sent", "enviado"];

    /// <summary>Loose text that is only a time and/or a delivery status; the time when there is one.</summary>
    private static MessageTime? AsMetadata(List<List<OcrWord>> lines)
    {
        var tokens = lines.SelectMany(l => l).Select(t => t.Text.Trim(',', '·', '•')).Where(t => t.Length > 0).ToList();
        if (tokens.Count == 0 || tokens.Count > 4)
        {
            return null;
        }

        var time = MessageTime.Unknown;
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            if (TryParseClock(t, out int hour, out int minute) && minute < 60)
            {
                string next = i + 1 < tokens.Count ? string.Concat(tokens.Skip(i + 1)).Replace(".", "", StringComparison.Ordinal).ToLowerInvariant() : "";
                if (next is "am" or "pm" && hour is >= 1 and <= 12)
                {
                    hour = (hour % 12) + (next == "pm" ? 12 : 0);
                    i = tokens.Count;
                }

                if (hour < 24)
                {
                    time = MessageTime.OfDay(new TimeOnly(hour, minute));
                }

                continue;
            }

            if (!StatusWords.Contains(t.ToLowerInvariant()))
            {
                return null;
            }
        }

        return time;
    }

    private static readonly string[] PresenceWords = ["online", "en", "línea", "linea", "typing", "escribiendo", "active", "activo", "activa", "now", "ahora", "last", "seen", "últ.", "vez", "conexión", "hoy", "today", "at", "a", "las"];

    /// <summary>The contact's name: the tallest line of the app bar that is not a status line.</summary>
    private static string? ContactName(List<OcrWord> header)
    {
        string? best = null;
        double bestHeight = 0;
        foreach (var line in Lines(header))
        {
            // Icons and the back arrow come out as short unsure marks at the ends of the line.
            var words = line.Where(w => w.Text.Any(char.IsLetter) && w.Confidence >= 0.4).ToList();
            if (words.Count == 0 || words.All(w => PresenceWords.Contains(w.Text.ToLowerInvariant().Trim('…', '.'))))
            {
                continue;
            }

            if (!words.Any(w => w.Text.Count(char.IsLetter) >= 2))
            {
                continue;
            }

            double height = words.Select(w => w.Box.Height).Order().ElementAt(words.Count / 2);
            if (height > bestHeight)
            {
                bestHeight = height;
                best = string.Join(' ', words.Select(w => w.Text));
            }
        }

        return best;
    }
}
