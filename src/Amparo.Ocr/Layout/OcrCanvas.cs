using Amparo.Ocr.Imaging;

namespace Amparo.Ocr.Layout;

/// <summary>
/// Turns a screenshot into what tesseract reads best: dark text on white, whatever the theme and bubble
/// colour. Each region is measured against its own background (a bubble's fill, the header's colour), so
/// white-on-blue and grey-on-black text come out alike; everything outside the found regions is blanked.
/// </summary>
public static class OcrCanvas
{
    /// <summary>A greyscale image <paramref name="scale"/> times the size of the screenshot.</summary>
    public static byte[] Build(RgbImage image, PageLayout layout, int scale)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(layout);
        int w = image.Width, h = image.Height;
        var grey = new byte[w * h];
        Array.Fill(grey, (byte)255);

        if (layout.Header is { } header)
        {
            PaintHeader(image, grey, header.Height);
        }

        foreach (var region in layout.Regions)
        {
            PaintRegion(image, grey, region);
        }

        return scale <= 1 ? grey : Upscale(grey, w, h, scale);
    }

    private static void PaintHeader(RgbImage image, byte[] grey, int rows)
    {
        int w = image.Width;
        var distance = new byte[w];
        for (int y = 0; y < rows; y++)
        {
            // The header's colour can change from the status bar to the app bar; take each row's own edge colour.
            var reference = image[Math.Min(2, w - 1), y];
            for (int x = 0; x < w; x++)
            {
                distance[x] = (byte)Math.Min(255, image[x, y].Distance(reference));
            }

            for (int x = 0; x < w; x++)
            {
                grey[(y * w) + x] = Shade(distance[x], 140);
            }
        }
    }

    private static void PaintRegion(RgbImage image, byte[] grey, LayoutRegion region)
    {
        int w = image.Width;
        var box = region.Box;
        var reference = region.Fill;

        // How far the text colour is from its background: the strongest contrast in the region.
        var histogram = new int[256];
        int total = 0;
        for (int y = box.Y; y < box.Y + box.Height; y++)
        {
            for (int x = box.X; x < box.X + box.Width; x++)
            {
                histogram[Math.Min(255, image[x, y].Distance(reference))]++;
                total++;
            }
        }

        // Full ink at a little over half the strongest contrast: faint grey timestamps then come out as dark
        // as the message text, which tesseract's global threshold needs.
        int contrast = Percentile(histogram, total, 0.995) * 6 / 10;
        contrast = Math.Max(contrast, 40);

        for (int y = box.Y; y < box.Y + box.Height; y++)
        {
            int left = box.X, right = box.X + box.Width - 1;
            if (region.HasFill)
            {
                // Only inside the bubble's outline on this row: the rounded corners outside it are page background.
                while (left <= right && image[left, y].Distance(reference) > 14)
                {
                    left++;
                }

                while (right >= left && image[right, y].Distance(reference) > 14)
                {
                    right--;
                }

                left += 2;
                right -= 2;
            }

            for (int x = left; x <= right; x++)
            {
                grey[(y * w) + x] = Shade(image[x, y].Distance(reference), contrast);
            }
        }
    }

    private static byte Shade(int distance, int contrast)
    {
        // Below a small floor is noise (JPEG ringing); above the contrast is full ink.
        const int Floor = 10;
        if (distance <= Floor)
        {
            return 255;
        }

        int ink = (distance - Floor) * 255 / Math.Max(1, contrast - Floor);
        return (byte)(255 - Math.Min(255, ink));
    }

    private static int Percentile(int[] histogram, int total, double p)
    {
        long target = (long)(total * p);
        long seen = 0;
        for (int i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= target)
            {
                return i;
            }
        }

        return 255;
    }

    internal static byte[] Upscale(byte[] src, int w, int h, int s)
    {
        int outWidth = w * s, outHeight = h * s;
        var dst = new byte[outWidth * outHeight];
        for (int oy = 0; oy < outHeight; oy++)
        {
            double fy = ((oy + 0.5) / s) - 0.5;
            int y0 = Math.Clamp((int)Math.Floor(fy), 0, h - 1);
            int y1 = Math.Min(y0 + 1, h - 1);
            double ty = Math.Clamp(fy - y0, 0, 1);
            for (int ox = 0; ox < outWidth; ox++)
            {
                double fx = ((ox + 0.5) / s) - 0.5;
                int x0 = Math.Clamp((int)Math.Floor(fx), 0, w - 1);
                int x1 = Math.Min(x0 + 1, w - 1);
                double tx = Math.Clamp(fx - x0, 0, 1);
                double top = (src[(y0 * w) + x0] * (1 - tx)) + (src[(y0 * w) + x1] * tx);
                double bottom = (src[(y1 * w) + x0] * (1 - tx)) + (src[(y1 * w) + x1] * tx);
                dst[(oy * outWidth) + ox] = (byte)Math.Round((top * (1 - ty)) + (bottom * ty));
            }
        }

        return dst;
    }
}
