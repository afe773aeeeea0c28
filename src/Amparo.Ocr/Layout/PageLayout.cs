using Amparo.Core;
using Amparo.Ocr.Imaging;

namespace Amparo.Ocr.Layout;

/// <summary>Which side of the chat a bubble sits on.</summary>
public enum ScreenshotSide
{
    /// <summary>Left: the other person (the contact).</summary>
    Contact,

    /// <summary>Right: the person who took the screenshot.</summary>
    Exporter,

    /// <summary>Centred: a date separator or a notice from the app.</summary>
    Centre,
}

/// <summary>What a region of a screenshot is.</summary>
public enum RegionKind
{
    /// <summary>A message bubble (filled background).</summary>
    Bubble,

    /// <summary>Text written straight on the chat background at one side (a time or "Seen" under a bubble, a big emoji).</summary>
    Loose,

    /// <summary>Centred text: dates, notices.</summary>
    Separator,
}

/// <summary>One thing found in the chat area of a screenshot.</summary>
/// <param name="Kind">Bubble, loose text or separator.</param>
/// <param name="Box">Where it is, in the image's pixels.</param>
/// <param name="Side">Whose it is.</param>
/// <param name="Fill">The bubble's background colour (the page background for unfilled regions).</param>
/// <param name="HasFill">True when the region has its own background colour.</param>
/// <param name="ClippedTop">True when the region is cut by the header or the top edge (scrolled out of view).</param>
/// <param name="ClippedBottom">True when the region is cut by the composer bar or the bottom edge.</param>
public sealed record LayoutRegion(RegionKind Kind, PixelBox Box, ScreenshotSide Side, Rgb Fill, bool HasFill, bool ClippedTop, bool ClippedBottom);

/// <summary>The structure of one screenshot, found from its pixels alone.</summary>
public sealed record PageLayout
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>The chat background colour.</summary>
    public required Rgb Background { get; init; }

    /// <summary>The app bar (and status bar) at the top, when one was found.</summary>
    public PixelBox? Header { get; init; }

    /// <summary>First row of the chat area.</summary>
    public int ChatTop { get; init; }

    /// <summary>Row after the last row of the chat area (the composer bar starts here).</summary>
    public int ChatBottom { get; init; }

    /// <summary>Top to bottom.</summary>
    public IReadOnlyList<LayoutRegion> Regions { get; init; } = [];

    /// <summary>Things that made the layout uncertain.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
