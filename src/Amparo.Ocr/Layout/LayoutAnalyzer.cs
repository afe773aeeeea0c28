using Amparo.Core;
using Amparo.Ocr.Imaging;

namespace Amparo.Ocr.Layout;

/// <summary>
/// Finds the header, the composer bar and the message bubbles of a chat screenshot from its pixels. Chat apps
/// share one grammar: a plain background, bubbles stacked top to bottom with background rows between them,
/// the owner's bubbles against the right edge and the contact's against the left, dates centred.
/// </summary>
public static class LayoutAnalyzer
{
    /// <summary>A pixel this far (largest channel difference) from the background is content.</summary>
    private const int ContentThreshold = 12;

    /// <summary>
    /// Bars (the app bar, the composer) may differ from the chat background only slightly in dark themes; a row
    /// counts as a bar when nearly all of it differs by this much.
    /// </summary>
    private const int BarThreshold = 5;

    /// <summary>A pixel this close to a bubble's fill colour is part of the fill.</summary>
    private const int FillTolerance = 14;

    /// <summary>Analyses one screenshot.</summary>
    public static PageLayout Analyze(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height;
        var notes = new List<string>();
        var bg = FindBackground(image);

        var rowCount = new int[h];
        var barCount = new int[h];
        for (int y = 0; y < h; y++)
        {
            rowCount[y] = CountContent(image, y, 0, w, bg);
            barCount[y] = CountContent(image, y, 0, w, bg, BarThreshold);
        }

        // Bar rows cross (nearly) the whole width: the app bar, its divider, the composer bar.
        bool IsBar(int y) => barCount[y] >= w * 0.9;
        int headerBottom = 0;
        for (int y = 0; y < h * 0.3; y++)
        {
            if (IsBar(y))
            {
                headerBottom = y + 1;
            }
        }

        int footerTop = h;
        for (int y = h - 1; y > h * 0.75 && y >= headerBottom; y--)
        {
            if (IsBar(y))
            {
                footerTop = y;
            }
        }

        if (headerBottom == 0)
        {
            notes.Add("no app bar was found at the top; the contact's name is unknown");
        }

        var bands = FindBands(rowCount, headerBottom, footerTop);
        var regions = new List<LayoutRegion>();
        foreach (var (top, bottom) in bands)
        {
            foreach (var (bandTop, bandBottom) in SplitAtWaists(image, bg, top, bottom))
            {
                if (BuildRegion(image, bg, bandTop, bandBottom, headerBottom, footerTop) is { } region)
                {
                    regions.Add(region);
                }
            }
        }

        // A floating composer (a wide pill at the bottom) is not a message.
        if (regions.Count > 0)
        {
            var last = regions[^1];
            if (last.Box.Y > h * 0.75 && last.Box.Width >= w * 0.85)
            {
                footerTop = last.Box.Y;
                regions.RemoveAt(regions.Count - 1);
            }
        }

        regions = ResolveSidesByColour(regions, w);
        return new PageLayout
        {
            Width = w,
            Height = h,
            Background = bg,
            Header = headerBottom > 0 ? new PixelBox(0, 0, w, headerBottom) : null,
            ChatTop = headerBottom,
            ChatBottom = footerTop,
            Regions = regions,
            Notes = notes,
        };
    }

    /// <summary>The most common colour of the left and right margins: the chat wallpaper.</summary>
    internal static Rgb FindBackground(RgbImage image)
    {
        int w = image.Width, h = image.Height;
        int strip = Math.Max(2, w / 100);
        var counts = new Dictionary<int, int>();
        var sums = new Dictionary<int, (long R, long G, long B)>();
        int step = Math.Max(1, h / 2000);
        for (int y = 0; y < h; y += step)
        {
            for (int s = 0; s < strip; s++)
            {
                Add(image[s, y]);
                Add(image[w - 1 - s, y]);
            }
        }

        int best = counts.MaxBy(kv => kv.Value).Key;
        var (r, g, b) = sums[best];
        int n = counts[best];
        return new Rgb((byte)(r / n), (byte)(g / n), (byte)(b / n));

        void Add(Rgb c)
        {
            int key = ((c.R >> 3) << 10) | ((c.G >> 3) << 5) | (c.B >> 3);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            var t = sums.GetValueOrDefault(key);
            sums[key] = (t.R + c.R, t.G + c.G, t.B + c.B);
        }
    }

    private static int CountContent(RgbImage image, int y, int x0, int x1, Rgb bg, int threshold = ContentThreshold)
    {
        var px = image.Pixels;
        int count = 0;
        int i = ((y * image.Width) + x0) * 3;
        for (int x = x0; x < x1; x++, i += 3)
        {
            if (Math.Abs(px[i] - bg.R) > threshold || Math.Abs(px[i + 1] - bg.G) > threshold || Math.Abs(px[i + 2] - bg.B) > threshold)
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsContent(RgbImage image, int x, int y, Rgb bg) => image[x, y].Distance(bg) > ContentThreshold;

    /// <summary>Runs of rows holding content, separated by background rows.</summary>
    private static List<(int Top, int Bottom)> FindBands(int[] rowCount, int from, int to)
    {
        var bands = new List<(int, int)>();
        int start = -1;
        for (int y = from; y <= to; y++)
        {
            bool content = y < to && rowCount[y] > 0;
            if (content && start < 0)
            {
                start = y;
            }
            else if (!content && start >= 0)
            {
                // Specks of a row or two (JPEG noise, a scroll indicator) are not messages.
                if (y - start >= 4)
                {
                    bands.Add((start, y));
                }

                start = -1;
            }
        }

        return bands;
    }

    /// <summary>
    /// Two bubbles of the same colour a couple of pixels apart can touch once JPEG blurs the gap; their rounded
    /// corners still leave a narrow waist in the fill, which is where one ends and the next begins.
    /// </summary>
    private static IEnumerable<(int Top, int Bottom)> SplitAtWaists(RgbImage image, Rgb bg, int top, int bottom)
    {
        int height = bottom - top;
        if (height < 24)
        {
            yield return (top, bottom);
            yield break;
        }

        // Extent (first to last content pixel) rather than a count: white text on a white page thins a row's
        // count but never its extent, which only the bubble's outline sets.
        var extent = new int[height];
        var count = new int[height];
        for (int y = top; y < bottom; y++)
        {
            int first = -1, last = -1, n = 0;
            for (int x = 0; x < image.Width; x++)
            {
                if (IsContent(image, x, y, bg))
                {
                    if (first < 0)
                    {
                        first = x;
                    }

                    last = x;
                    n++;
                }
            }

            extent[y - top] = first < 0 ? 0 : last - first + 1;
            count[y - top] = n;
        }

        int start = top;
        const int Reach = 4;
        for (int i = 8; i < height - 8; i++)
        {
            bool narrower = extent[i] + 6 <= extent[i - Reach] && extent[i] + 6 <= extent[i + Reach]
                && extent[i] <= extent[i - 1] && extent[i] <= extent[i + 1];
            bool thinner = count[i] < count[i - Reach] * 0.9 && count[i] < count[i + Reach] * 0.9;
            if (narrower && thinner && top + i - start >= 12)
            {
                yield return (start, top + i);
                start = top + i + 1;
                i += 8;
            }
        }

        yield return (start, bottom);
    }

    private static LayoutRegion? BuildRegion(RgbImage image, Rgb bg, int top, int bottom, int chatTop, int chatBottom)
    {
        int w = image.Width;
        var colCount = new int[w];
        for (int y = top; y < bottom; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (IsContent(image, x, y, bg))
                {
                    colCount[x]++;
                }
            }
        }

        // Column segments; words of unfilled text are a few pixels apart, so small gaps are bridged.
        int mergeGap = Math.Max(6, w / 60);
        var segments = new List<(int X0, int X1)>();
        int s = -1, lastContent = -1;
        for (int x = 0; x < w; x++)
        {
            if (colCount[x] > 0)
            {
                if (s < 0)
                {
                    s = x;
                }
                else if (x - lastContent > mergeGap)
                {
                    segments.Add((s, lastContent + 1));
                    s = x;
                }

                lastContent = x;
            }
        }

        if (s >= 0)
        {
            segments.Add((s, lastContent + 1));
        }

        if (segments.Count == 0)
        {
            return null;
        }

        // A round avatar beside the contact's bubbles is not part of the message.
        if (segments.Count > 1)
        {
            segments.RemoveAll(seg => IsAvatar(image, bg, seg.X0, seg.X1, top, bottom, w));
            if (segments.Count == 0)
            {
                return null;
            }
        }

        int x0 = segments.Min(seg => seg.X0), x1 = segments.Max(seg => seg.X1);
        int y0 = bottom, y1 = top;
        for (int y = top; y < bottom; y++)
        {
            if (CountContent(image, y, x0, x1, bg) > 0)
            {
                y0 = Math.Min(y0, y);
                y1 = Math.Max(y1, y + 1);
            }
        }

        if (y1 - y0 < 4 || x1 - x0 < 4)
        {
            return null;
        }

        var box = new PixelBox(x0, y0, x1 - x0, y1 - y0);
        var (fill, fillShare) = DominantContentColour(image, bg, box);
        bool hasFill = fillShare >= 0.45;
        if (hasFill && FillExtent(image, fill, box) is { } tight)
        {
            // JPEG smears a neighbouring bubble's colour into the gap; the bubble is where its own fill is.
            box = tight;
            (x0, y0, x1, y1) = (box.X, box.Y, box.X + box.Width, box.Y + box.Height);
        }
        int gl = x0, gr = w - x1;
        bool anchoredLeft = gl <= w * 0.16, anchoredRight = gr <= w * 0.16;
        ScreenshotSide side;
        RegionKind kind;
        if (!anchoredLeft && !anchoredRight && Math.Abs(gl - gr) <= w * 0.1)
        {
            side = ScreenshotSide.Centre;
            kind = RegionKind.Separator;
        }
        else
        {
            side = gl <= gr ? ScreenshotSide.Contact : ScreenshotSide.Exporter;
            kind = hasFill ? RegionKind.Bubble : RegionKind.Loose;
        }

        return new LayoutRegion(kind, box, side, hasFill ? fill : bg, hasFill, ClippedTop: y0 <= chatTop + 1, ClippedBottom: y1 >= chatBottom - 1);
    }

    private static PixelBox? FillExtent(RgbImage image, Rgb fill, PixelBox box)
    {
        int x0 = int.MaxValue, x1 = -1, y0 = int.MaxValue, y1 = -1;
        for (int y = box.Y; y < box.Y + box.Height; y++)
        {
            int first = -1, last = -1, n = 0;
            for (int x = box.X; x < box.X + box.Width; x++)
            {
                if (image[x, y].Distance(fill) <= FillTolerance)
                {
                    if (first < 0)
                    {
                        first = x;
                    }

                    last = x;
                    n++;
                }
            }

            if (n >= 4)
            {
                x0 = Math.Min(x0, first);
                x1 = Math.Max(x1, last + 1);
                y0 = Math.Min(y0, y);
                y1 = Math.Max(y1, y + 1);
            }
        }

        return x1 - x0 >= 8 && y1 - y0 >= 8 ? new PixelBox(x0, y0, x1 - x0, y1 - y0) : null;
    }

    private static bool IsAvatar(RgbImage image, Rgb bg, int x0, int x1, int top, int bottom, int w)
    {
        int sw = x1 - x0;
        bool outer = x0 < w * 0.12 || x1 > w * 0.88;
        if (!outer || sw < 12 || sw > w * 0.15)
        {
            return false;
        }

        int y0 = bottom, y1 = top, filled = 0;
        for (int y = top; y < bottom; y++)
        {
            int c = CountContent(image, y, x0, x1, bg);
            if (c > 0)
            {
                y0 = Math.Min(y0, y);
                y1 = Math.Max(y1, y + 1);
                filled += c;
            }
        }

        int sh = y1 - y0;
        if (sh <= 0)
        {
            return false;
        }

        double aspect = (double)sw / sh;
        double fillRatio = (double)filled / (sw * sh);
        return aspect is > 0.75 and < 1.33 && fillRatio > 0.6;
    }

    /// <summary>The most common non-background colour in a box, and the share of the box it covers.</summary>
    internal static (Rgb Colour, double Share) DominantContentColour(RgbImage image, Rgb bg, PixelBox box)
    {
        var counts = new Dictionary<int, int>();
        int step = Math.Max(1, (int)Math.Sqrt((double)box.Width * box.Height / 40_000));
        int total = 0;
        for (int y = box.Y; y < box.Y + box.Height; y += step)
        {
            for (int x = box.X; x < box.X + box.Width; x += step)
            {
                total++;
                var c = image[x, y];
                if (c.Distance(bg) <= ContentThreshold)
                {
                    continue;
                }

                int key = ((c.R >> 3) << 10) | ((c.G >> 3) << 5) | (c.B >> 3);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (counts.Count == 0 || total == 0)
        {
            return (bg, 0);
        }

        int best = counts.MaxBy(kv => kv.Value).Key;
        var centre = new Rgb((byte)(((best >> 10) << 3) + 4), (byte)((((best >> 5) & 31) << 3) + 4), (byte)(((best & 31) << 3) + 4));

        // Average the real pixels near the winning bin, and measure how much of the box they cover.
        long r = 0, g = 0, b = 0;
        int n = 0;
        for (int y = box.Y; y < box.Y + box.Height; y += step)
        {
            for (int x = box.X; x < box.X + box.Width; x += step)
            {
                var c = image[x, y];
                if (c.Distance(centre) <= 6)
                {
                    r += c.R;
                    g += c.G;
                    b += c.B;
                    n++;
                }
            }
        }

        if (n == 0)
        {
            return (centre, 0);
        }

        var fill = new Rgb((byte)(r / n), (byte)(g / n), (byte)(b / n));
        int near = 0;
        for (int y = box.Y; y < box.Y + box.Height; y += step)
        {
            for (int x = box.X; x < box.X + box.Width; x += step)
            {
                if (image[x, y].Distance(fill) <= FillTolerance)
                {
                    near++;
                }
            }
        }

        return (fill, (double)near / total);
    }

    /// <summary>
    /// Sides are settled by alignment first: the contact's bubbles share the leftmost edge, the owner's the
    /// rightmost. A bubble aligned with both (a long message) or neither is placed by its colour, matched
    /// against the bubbles whose side is clear, and failing that by the nearer margin.
    /// </summary>
    private static List<LayoutRegion> ResolveSidesByColour(List<LayoutRegion> regions, int w)
    {
        var bubbles = regions.Where(r => r.Kind == RegionKind.Bubble).ToList();
        if (bubbles.Count == 0)
        {
            return regions;
        }

        int leftEdge = bubbles.Min(r => r.Box.X);
        int rightEdge = bubbles.Max(r => r.Box.X + r.Box.Width);
        var sided = new List<LayoutRegion>(regions.Count);
        foreach (var r in regions)
        {
            if (r.Kind != RegionKind.Bubble)
            {
                sided.Add(r);
                continue;
            }

            bool la = Math.Abs(r.Box.X - leftEdge) <= 3, ra = Math.Abs(r.Box.X + r.Box.Width - rightEdge) <= 3;
            sided.Add(la != ra ? r with { Side = la ? ScreenshotSide.Contact : ScreenshotSide.Exporter } : r);
        }

        var left = new List<Rgb>();
        var right = new List<Rgb>();
        foreach (var r in sided)
        {
            if (r.Kind == RegionKind.Bubble && !IsAmbiguous(r, w, leftEdge, rightEdge))
            {
                (r.Side == ScreenshotSide.Exporter ? right : left).Add(r.Fill);
            }
        }

        var result = new List<LayoutRegion>(sided.Count);
        foreach (var r in sided)
        {
            if (r.Kind == RegionKind.Bubble && IsAmbiguous(r, w, leftEdge, rightEdge) && (left.Count > 0 || right.Count > 0))
            {
                const int SameColour = 24;
                int dl = left.Count > 0 ? left.Min(c => c.Distance(r.Fill)) : int.MaxValue;
                int dr = right.Count > 0 ? right.Min(c => c.Distance(r.Fill)) : int.MaxValue;
                ScreenshotSide? side = (dl, dr) switch
                {
                    _ when dl <= SameColour && dr > SameColour => ScreenshotSide.Contact,
                    _ when dr <= SameColour && dl > SameColour => ScreenshotSide.Exporter,
                    _ when left.Count == 0 && dr > SameColour => ScreenshotSide.Contact,
                    _ when right.Count == 0 && dl > SameColour => ScreenshotSide.Exporter,
                    _ => null,
                };
                if (side is { } s)
                {
                    result.Add(r with { Side = s });
                    continue;
                }
            }

            result.Add(r);
        }

        return result;
    }

    private static bool IsAmbiguous(LayoutRegion r, int w, int leftEdge, int rightEdge)
    {
        bool la = Math.Abs(r.Box.X - leftEdge) <= 3, ra = Math.Abs(r.Box.X + r.Box.Width - rightEdge) <= 3;
        if (la != ra)
        {
            return false;
        }

        int gl = r.Box.X, gr = w - (r.Box.X + r.Box.Width);
        return Math.Abs(gl - gr) < w * 0.05;
    }
}
