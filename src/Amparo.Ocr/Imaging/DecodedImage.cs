using Amparo.Core;

namespace Amparo.Ocr.Imaging;

/// <summary>The outcome of decoding one image: the pixels (possibly partial) and what went wrong.</summary>
public sealed record DecodedImage
{
    /// <summary>The pixels, or null when nothing usable could be decoded.</summary>
    public RgbImage? Image { get; init; }

    public IReadOnlyList<ImportDiagnostic> Diagnostics { get; init; } = [];

    internal static DecodedImage Fail(string file, string message) =>
        new() { Diagnostics = [new ImportDiagnostic(DiagnosticSeverity.Error, file, null, message)] };
}

/// <summary>Limits that keep a hostile image from exhausting memory or time.</summary>
public sealed record ImageLimits
{
    public static ImageLimits Default { get; } = new();

    /// <summary>Largest accepted image, in pixels (width × height). A 1440×3200 phone screenshot is 4.6 MP.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Largest accepted width or height.</summary>
    public int MaxDimension { get; init; } = 40_000;

    /// <summary>Largest accepted file, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 200L << 20;

    /// <summary>Checks dimensions read from a header; returns a sentence when they are refused.</summary>
    internal string? Check(long width, long height)
    {
        if (width <= 0 || height <= 0)
        {
            return $"the image header gives impossible dimensions ({width}×{height})";
        }

        if (width > MaxDimension || height > MaxDimension || width * height > MaxPixels)
        {
            return $"the image is {width}×{height} pixels, larger than the {MaxPixels / 1_000_000} megapixel limit for screenshots; it was not decoded";
        }

        return null;
    }
}
