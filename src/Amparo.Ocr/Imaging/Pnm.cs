using System.Globalization;
using System.Text;

namespace Amparo.Ocr.Imaging;

/// <summary>The netpbm formats: read what <c>djpeg</c> writes, write greyscale for tesseract.</summary>
public static class Pnm
{
    /// <summary>Parses a binary P5 (grey) or P6 (RGB) image with maxval 255; null when it is not one.</summary>
    public static RgbImage? Read(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (data.Length < 2 || data[0] != (byte)'P' || (data[1] != (byte)'5' && data[1] != (byte)'6'))
        {
            return null;
        }

        bool rgb = data[1] == (byte)'6';
        int pos = 2;
        var fields = new long[3];
        for (int f = 0; f < 3; f++)
        {
            if (!ReadNumber(data, ref pos, out fields[f]))
            {
                return null;
            }
        }

        pos++; // the single whitespace byte after maxval
        long w = fields[0], h = fields[1], max = fields[2];
        if (max != 255 || limits.Check(w, h) is not null)
        {
            return null;
        }

        long need = w * h * (rgb ? 3 : 1);
        if (data.Length - pos < need)
        {
            return null;
        }

        var pixels = new byte[w * h * 3];
        var src = data.Slice(pos, (int)need);
        if (rgb)
        {
            src.CopyTo(pixels);
        }
        else
        {
            for (int i = 0; i < src.Length; i++)
            {
                pixels[i * 3] = pixels[(i * 3) + 1] = pixels[(i * 3) + 2] = src[i];
            }
        }

        return new RgbImage((int)w, (int)h, pixels);
    }

    /// <summary>A binary P5 file of a greyscale buffer.</summary>
    public static byte[] WriteGrey(int width, int height, ReadOnlySpan<byte> grey)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{width} {height}\n255\n"));
        var result = new byte[header.Length + grey.Length];
        header.CopyTo(result, 0);
        grey.CopyTo(result.AsSpan(header.Length));
        return result;
    }

    /// <summary>A binary P6 file of an image.</summary>
    public static byte[] WriteRgb(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P6\n{image.Width} {image.Height}\n255\n"));
        var result = new byte[header.Length + image.Pixels.Length];
        header.CopyTo(result, 0);
        image.Pixels.CopyTo(result, header.Length);
        return result;
    }

    private static bool ReadNumber(ReadOnlySpan<byte> data, ref int pos, out long value)
    {
        value = 0;
        while (pos < data.Length)
        {
            byte b = data[pos];
            if (b == (byte)'#')
            {
                while (pos < data.Length && data[pos] != (byte)'\n')
                {
                    pos++;
                }
            }
            else if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                pos++;
            }
            else
            {
                break;
            }
        }

        int start = pos;
        while (pos < data.Length && data[pos] >= (byte)'0' && data[pos] <= (byte)'9' && pos - start < 12)
        {
            value = (value * 10) + (data[pos] - (byte)'0');
            pos++;
        }

        return pos > start;
    }
}
