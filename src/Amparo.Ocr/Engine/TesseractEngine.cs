using System.Globalization;
using System.Text;
using Amparo.Core;

namespace Amparo.Ocr.Engine;

/// <summary>One word tesseract found: its box in the image it was given, and its confidence (0..1).</summary>
public sealed record OcrWord(string Text, PixelBox Box, double Confidence, int Block, int Paragraph, int Line);

/// <summary>Settings for the installed tesseract executable.</summary>
public sealed record TesseractOptions
{
    public static TesseractOptions Default { get; } = new();

    /// <summary>The executable (on PATH, or a full path).</summary>
    public string Executable { get; init; } = "tesseract";

    /// <summary>Language models joined with '+'; Spanish first keeps its accents, English words read as well either way.</summary>
    public string Languages { get; init; } = "spa+eng";

    /// <summary>Page segmentation mode; 4 reads a single column of lines of varying size.</summary>
    public int PageSegmentationMode { get; init; } = 4;

    /// <summary>Base time allowed per run; large images get more (see <see cref="TimeoutPerMegapixel"/>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra time per megapixel of input.</summary>
    public TimeSpan TimeoutPerMegapixel { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>Runs tesseract as a process on a greyscale image and parses its TSV word boxes.</summary>
public sealed class TesseractEngine(TesseractOptions options)
{
    private readonly TesseractOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Recognises the words of a greyscale image (dark text on white works best).</summary>
    /// <returns>The words, or null with a reason when tesseract failed or ran out of time on this image.</returns>
    public Task<(IReadOnlyList<OcrWord>? Words, string? Problem)> RecognizeAsync(int width, int height, byte[] grey, CancellationToken cancellationToken = default) =>
        RecognizeAsync(width, height, grey, _options.PageSegmentationMode, null, cancellationToken);

    /// <summary>Recognises with a given segmentation mode and, optionally, only the listed characters.</summary>
    public async Task<(IReadOnlyList<OcrWord>? Words, string? Problem)> RecognizeAsync(int width, int height, byte[] grey, int pageSegmentationMode, string? whitelist, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var pgm = Imaging.Pnm.WriteGrey(width, height, grey);
        double megapixels = (double)width * height / 1_000_000;
        var timeout = _options.Timeout + (_options.TimeoutPerMegapixel * megapixels);
        var args = new List<string>
        {
            "stdin", "stdout",
            "-l", _options.Languages,
            "--psm", pageSegmentationMode.ToString(CultureInfo.InvariantCulture),
            "-c", "preserve_interword_spaces=0",

            // Chat text almost never holds a vertical bar, and tesseract's favourite misreading of "I" is one.
            "-c", whitelist is null ? "tessedit_char_blacklist=|" : "tessedit_char_whitelist=" + whitelist,
            "tsv",
        };
        var result = await ProcessRunner.RunAsync(_options.Executable, args, pgm, timeout, 64L << 20, cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
        {
            return (null, $"text recognition took longer than {timeout.TotalSeconds:0} s and was stopped");
        }

        if (result.ExitCode != 0)
        {
            if (result.Stderr.Contains("Failed loading language", StringComparison.Ordinal))
            {
                throw new OcrException($"tesseract has no '{_options.Languages}' language data; install tesseract-ocr-eng and tesseract-ocr-spa");
            }

            return (null, $"tesseract failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }

        return (ParseTsv(Encoding.UTF8.GetString(result.Stdout)), null);
    }

    /// <summary>Parses tesseract's TSV output; keeps only word rows with text.</summary>
    public static IReadOnlyList<OcrWord> ParseTsv(string tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var words = new List<OcrWord>();
        foreach (var raw in tsv.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var cols = line.Split('\t');
            if (cols.Length < 12 || cols[0] != "5")
            {
                continue;
            }

            string text = cols[11].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!int.TryParse(cols[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out int left)
                || !int.TryParse(cols[7], NumberStyles.Integer, CultureInfo.InvariantCulture, out int top)
                || !int.TryParse(cols[8], NumberStyles.Integer, CultureInfo.InvariantCulture, out int w)
                || !int.TryParse(cols[9], NumberStyles.Integer, CultureInfo.InvariantCulture, out int h)
                || !double.TryParse(cols[10], NumberStyles.Float, CultureInfo.InvariantCulture, out double conf))
            {
                continue;
            }

            _ = int.TryParse(cols[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int block);
            _ = int.TryParse(cols[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int par);
            _ = int.TryParse(cols[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int ln);
            words.Add(new OcrWord(text, new PixelBox(left, top, w, h), Math.Clamp(conf / 100.0, 0, 1), block, par, ln));
        }

        return words;
    }
}
