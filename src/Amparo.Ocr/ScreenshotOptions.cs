using Amparo.Ocr.Engine;
using Amparo.Ocr.Imaging;

namespace Amparo.Ocr;

/// <summary>How screenshots are read. Defaults suit phone screenshots in English and Spanish.</summary>
public sealed record ScreenshotOptions
{
    public static ScreenshotOptions Default { get; } = new();

    public TesseractOptions Tesseract { get; init; } = TesseractOptions.Default;

    public ImageLimits Limits { get; init; } = ImageLimits.Default;

    /// <summary>The JPEG decoder (Debian package libjpeg-turbo-progs).</summary>
    public string DjpegExecutable { get; init; } = "djpeg";

    /// <summary>Words recognised with less confidence than this (0..1) are listed as low-confidence.</summary>
    public double LowConfidenceThreshold { get; init; } = 0.75;

    /// <summary>Enlargement before recognition; null chooses from the size of the bubbles.</summary>
    public int? Scale { get; init; }
}
