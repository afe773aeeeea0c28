namespace Amparo.Ocr.Imaging;

/// <summary>A decoded image: 8-bit RGB, rows top to bottom, no padding.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException("pixel buffer does not match the dimensions", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B bytes, <c>(y * Width + x) * 3</c>.</summary>
    public byte[] Pixels { get; }

    /// <summary>The colour at a pixel.</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            int i = ((y * Width) + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>A copy of the top <paramref name="rows"/> rows.</summary>
    public RgbImage CropRows(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, Height);
        return new RgbImage(Width, rows, Pixels.AsSpan(0, Width * rows * 3).ToArray());
    }
}

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>Largest per-channel difference: cheap and robust against JPEG chroma noise.</summary>
    public int Distance(Rgb other) =>
        Math.Max(Math.Abs(R - other.R), Math.Max(Math.Abs(G - other.G), Math.Abs(B - other.B)));

    /// <summary>Perceived brightness, 0..255.</summary>
    public int Luma => ((R * 299) + (G * 587) + (B * 114)) / 1000;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");
}
