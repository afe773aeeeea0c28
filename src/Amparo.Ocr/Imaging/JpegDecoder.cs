using Amparo.Core;
using Amparo.Ocr.Engine;

namespace Amparo.Ocr.Imaging;

/// <summary>
/// JPEG through Debian's <c>djpeg</c> (libjpeg-turbo): the dimensions are read from the frame header first,
/// so a hostile file cannot make the decoder allocate more than the limits allow.
/// </summary>
public static class JpegDecoder
{
    /// <summary>True when the bytes start with a JPEG start-of-image marker.</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    /// <summary>Decodes a whole JPEG file held in memory.</summary>
    public static async Task<DecodedImage> DecodeAsync(ReadOnlyMemory<byte> jpeg, string fileName, ImageLimits? limits = null, string djpegPath = "djpeg", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ImageLimits.Default;
        if (!IsJpeg(jpeg.Span))
        {
            return DecodedImage.Fail(fileName, "not a JPEG file (the start marker is missing)");
        }

        if (ReadDimensions(jpeg.Span) is not { } size)
        {
            return DecodedImage.Fail(fileName, "the JPEG has no readable frame header; the file is truncated or damaged");
        }

        if (limits.Check(size.Width, size.Height) is { } refused)
        {
            return DecodedImage.Fail(fileName, refused);
        }

        long maxOut = ((long)size.Width * size.Height * 3) + 64;
        var result = await ProcessRunner.RunAsync(djpegPath, ["-pnm"], jpeg, timeout ?? TimeSpan.FromSeconds(60), maxOut, cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
        {
            return DecodedImage.Fail(fileName, "decoding the JPEG took too long and was stopped");
        }

        var image = result.Stdout.Length > 0 ? Pnm.Read(result.Stdout, limits) : null;
        if (image is null)
        {
            string why = FirstLine(result.Stderr);
            return DecodedImage.Fail(fileName, why.Length > 0 ? $"the JPEG could not be decoded: {why}" : "the JPEG could not be decoded");
        }

        var diagnostics = new List<ImportDiagnostic>();
        if (result.ExitCode != 0 || result.Stderr.Contains("Premature end", StringComparison.Ordinal) || result.Stderr.Contains("Corrupt", StringComparison.Ordinal))
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, null,
                $"the JPEG is damaged or truncated ({FirstLine(result.Stderr)}); what could be decoded was read, missing parts are grey"));
        }

        return new DecodedImage { Image = image, Diagnostics = diagnostics };
    }

    private static string FirstLine(string text)
    {
        text = text.Trim();
        int nl = text.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? text : text[..nl].Trim();
    }

    /// <summary>Width and height from the first start-of-frame marker.</summary>
    internal static (int Width, int Height)? ReadDimensions(ReadOnlySpan<byte> data)
    {
        int pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                return null;
            }

            byte marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }

            int length = (data[pos + 2] << 8) | data[pos + 3];
            if (length < 2)
            {
                return null;
            }

            bool isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                if (pos + 9 > data.Length)
                {
                    return null;
                }

                int height = (data[pos + 5] << 8) | data[pos + 6];
                int width = (data[pos + 7] << 8) | data[pos + 8];
                return (width, height);
            }

            if (marker == 0xDA)
            {
                return null;
            }

            pos += 2 + length;
        }

        return null;
    }
}
