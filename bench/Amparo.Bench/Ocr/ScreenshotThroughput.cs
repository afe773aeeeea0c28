using System.Diagnostics;
using System.Globalization;
using Amparo.Ocr;
using Amparo.Ocr.Imaging;
using Amparo.Ocr.Layout;

namespace Amparo.Bench.Ocr;

/// <summary>
/// <c>throughput ocr &lt;folder&gt; [rounds]</c>: reads every PNG/JPEG in the folder as a screenshot, one at a
/// time, and reports the median seconds per image, split into decoding + layout (our code) and the whole read
/// (tesseract included), plus peak working set. A corpus to run it on: run the OCR tests with
/// AMPARO_CORPUS_DIR=/tmp/amparo-corpus set, which keeps the generated screenshots there.
/// </summary>
public static class ScreenshotThroughput
{
    public static async Task RunAsync(string[] args)
    {
        if (args.Length == 0 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: throughput ocr <folder of screenshots> [rounds]");
            return;
        }

        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var files = Directory.EnumerateFiles(args[0]).Where(ScreenshotImporter.IsScreenshotFile).Order(StringComparer.Ordinal).ToList();
        var layoutTimes = new List<double>();
        var totalTimes = new List<double>();
        var transcriber = new ScreenshotTranscriber();
        long pixels = 0;
        for (int r = 0; r < rounds; r++)
        {
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                var sw = Stopwatch.StartNew();
                var decoded = await ImageDecoder.DecodeAsync(bytes, Path.GetFileName(file));
                if (decoded.Image is { } image)
                {
                    _ = LayoutAnalyzer.Analyze(image);
                    pixels += (long)image.Width * image.Height;
                }

                layoutTimes.Add(sw.Elapsed.TotalSeconds);
                sw.Restart();
                _ = await transcriber.TranscribeAsync([file]);
                totalTimes.Add(sw.Elapsed.TotalSeconds);
            }
        }

        using var p = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant(
            $"ocr: {files.Count} screenshots × {rounds}, {pixels / 1e6 / rounds:F1} MP per round; median per image: decode+layout {Median(layoutTimes):F3} s, full read {Median(totalTimes):F2} s (min {totalTimes.Min():F2}, max {totalTimes.Max():F2}); peak working set {p.PeakWorkingSet64 / 1e6:F0} MB"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
