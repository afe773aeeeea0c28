using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Amparo.Reporting.Complaint;

/// <summary>
/// A small flow layout over PDFsharp: a cursor down the page, word wrapping with real glyph widths, and page
/// breaks. (MigraDoc is not on the package mirror, so the report lays itself out.)
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    public const double PageWidth = 595.28;   // A4 in points
    public const double PageHeight = 841.89;
    public const double Left = 50;
    public const double Right = PageWidth - 50;
    public const double Top = 50;
    public const double Bottom = PageHeight - 60;
    public const double Width = Right - Left;

    private readonly PdfDocument _document;
    private readonly Action<PdfLayout>? _pageHeader;
    private XGraphics? _gfx;

    public PdfLayout(PdfDocument document, Action<PdfLayout>? pageHeader)
    {
        _document = document;
        _pageHeader = pageHeader;
        NewPage();
    }

    public double Y { get; set; }

    public int PageCount => _document.PageCount;

    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("no page");

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        Y = Top;
        if (_document.PageCount > 1)
        {
            _pageHeader?.Invoke(this);
        }
    }

    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Space(double points) => Y += points;

    public static double LineHeight(XFont font) => font.Size * 1.32;

    /// <summary>Writes wrapped text; returns the number of lines.</summary>
    public int Paragraph(string text, XFont font, XBrush brush, double indent = 0, double after = 4)
    {
        var lines = Wrap(text, font, Width - indent);
        double lh = LineHeight(font);
        foreach (var line in lines)
        {
            EnsureSpace(lh);
            Gfx.DrawString(line, font, brush, new XPoint(Left + indent, Y), XStringFormats.TopLeft);
            Y += lh;
        }

        Y += after;
        return lines.Count;
    }

    /// <summary>A label in the left column and wrapped value lines beside it.</summary>
    public void Field(string label, IReadOnlyList<(string Text, XFont Font)> values, XFont labelFont, XBrush brush, double labelWidth = 135)
    {
        var wrapped = values.SelectMany(v => Wrap(v.Text, v.Font, Width - labelWidth).Select(line => (line, v.Font))).ToArray();
        var labelLines = Wrap(label, labelFont, labelWidth - 8);
        double height = Math.Max(wrapped.Sum(w => LineHeight(w.Font)), labelLines.Count * LineHeight(labelFont));
        EnsureSpace(Math.Min(height, Bottom - Top));
        double y0 = Y;
        foreach (var l in labelLines)
        {
            Gfx.DrawString(l, labelFont, brush, new XPoint(Left, Y), XStringFormats.TopLeft);
            Y += LineHeight(labelFont);
        }

        double labelBottom = Y;
        int page = _document.PageCount;
        Y = y0;
        foreach (var (line, font) in wrapped)
        {
            EnsureSpace(LineHeight(font));
            Gfx.DrawString(line, font, brush, new XPoint(Left + labelWidth, Y), XStringFormats.TopLeft);
            Y += LineHeight(font);
        }

        Y = (_document.PageCount == page ? Math.Max(Y, labelBottom) : Y) + 3;
    }

    public void Rule(XColor color, double thickness = 0.6)
    {
        EnsureSpace(6);
        Gfx.DrawLine(new XPen(color, thickness), Left, Y + 2, Right, Y + 2);
        Y += 6;
    }

    /// <summary>Text inside a filled box with a coloured bar on the left.</summary>
    public void Banner(string text, XFont font, XColor bar, XColor fill)
    {
        var lines = Wrap(text, font, Width - 20);
        double h = lines.Count * LineHeight(font) + 10;
        EnsureSpace(h);
        Gfx.DrawRectangle(new XSolidBrush(fill), Left, Y, Width, h);
        Gfx.DrawRectangle(new XSolidBrush(bar), Left, Y, 5, h);
        double y = Y + 5;
        foreach (var line in lines)
        {
            Gfx.DrawString(line, font, XBrushes.Black, new XPoint(Left + 14, y), XStringFormats.TopLeft);
            y += LineHeight(font);
        }

        Y += h + 6;
    }

    /// <summary>Wrapped text in a dashed frame: how images appear, as a placeholder and a hash.</summary>
    public void Placeholder(string text, XFont font, double indent)
    {
        var lines = Wrap(text, font, Width - indent - 12);
        double h = lines.Count * LineHeight(font) + 8;
        EnsureSpace(h);
        var pen = new XPen(XColors.Gray, 0.7) { DashStyle = XDashStyle.Dash };
        Gfx.DrawRectangle(pen, Left + indent, Y, Width - indent, h);
        double y = Y + 4;
        foreach (var line in lines)
        {
            Gfx.DrawString(line, font, XBrushes.Black, new XPoint(Left + indent + 6, y), XStringFormats.TopLeft);
            y += LineHeight(font);
        }

        Y += h + 4;
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>, honouring line breaks; long words are split.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in raw.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                    line = "";
                }

                var rest = word;
                while (rest.Length > 0 && Measure(rest, font) > width)
                {
                    int fit = 1;
                    while (fit < rest.Length && Measure(rest[..(fit + 1)], font) <= width)
                    {
                        fit++;
                    }

                    lines.Add(rest[..fit]);
                    rest = rest[fit..];
                }

                line = rest;
            }

            lines.Add(line);
        }

        return lines;
    }

    private double Measure(string s, XFont font) => s.Length == 0 ? 0 : Gfx.MeasureString(s, font).Width;

    /// <summary>Draws on every page after the flow is done (page numbers, footers).</summary>
    public void DecoratePages(Action<XGraphics, int, int> draw)
    {
        _gfx?.Dispose();
        _gfx = null;
        int count = _document.PageCount;
        for (int i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            draw(gfx, i + 1, count);
        }
    }

    public void Dispose() => _gfx?.Dispose();
}
