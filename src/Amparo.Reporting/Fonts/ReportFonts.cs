using PdfSharp.Fonts;

namespace Amparo.Reporting.Fonts;

/// <summary>
/// Gives PDFsharp the DejaVu fonts compiled into this assembly (Bitstream Vera licence, which allows embedding and
/// redistribution), so reports render the same on every machine and cover Spanish (á é í ó ú ñ ü ¿ ¡) and more.
/// PDFsharp on Linux has no system font lookup, hence the resolver.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    /// <summary>The proportional family for body text.</summary>
    public const string Sans = "Amparo Sans";

    /// <summary>The fixed-width family for hashes and identifiers.</summary>
    public const string Mono = "Amparo Mono";

    private static readonly Lock Gate = new();
    private static bool _licenseSelected;
    private static readonly Lazy<byte[]> Regular = new(() => EmbeddedResources.ReadBytes("fonts/DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => EmbeddedResources.ReadBytes("fonts/DejaVuSans-Bold.ttf"));
    private static readonly Lazy<byte[]> Monospace = new(() => EmbeddedResources.ReadBytes("fonts/DejaVuSansMono.ttf"));

    /// <summary>
    /// Prepares PDFsharp once per process: selects its licence and installs this resolver; fails clearly if another
    /// resolver was installed first.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            // PDFsharp 6.5 (the only version on the package mirror) is published under AGPL-3.0-only and refuses to
            // create documents until a licence is selected. Amparo is open source and uses it under the AGPL; a
            // distributor that cannot meet the AGPL needs a commercial PDFsharp licence instead (see docs/reporting.md).
            if (!_licenseSelected)
            {
                PdfSharp.PdfSharpLicense.SetAgplLicense();
                _licenseSelected = true;
            }

            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new ReportFonts();
                    break;
                case ReportFonts:
                    break;
                default:
                    throw new ReportingException(
                        $"another PDFsharp font resolver ({GlobalFontSettings.FontResolver.GetType().FullName}) is installed; Amparo reports need {nameof(ReportFonts)}");
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (string.Equals(familyName, Mono, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo("amparo-mono", bold, italic);
        }

        // Every other family falls back to DejaVu Sans so no text can silently lose its glyphs.
        return bold ? new FontResolverInfo("amparo-sans-bold", false, italic) : new FontResolverInfo("amparo-sans", false, italic);
    }

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "amparo-sans" => Regular.Value,
        "amparo-sans-bold" => Bold.Value,
        "amparo-mono" => Monospace.Value,
        _ => null,
    };
}
