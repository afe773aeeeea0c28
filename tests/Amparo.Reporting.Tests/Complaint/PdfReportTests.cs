using System.Security.Cryptography;
using System.Text;
using Amparo.Reporting.Complaint;
using Amparo.Testing;

namespace Amparo.Reporting.Tests.Complaint;

public sealed class PdfReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amparo-report-").FullName;

    private async Task<string> RenderSampleAsync(string lang)
    {
        var model = await Samples.ModelAsync(lang);
        var pdf = System.IO.Path.Combine(_dir, $"report-{lang}.pdf");
        await File.WriteAllBytesAsync(pdf, PdfReportRenderer.Render(model));
        return pdf;
    }

    [Fact]
    public async Task Page_one_tells_an_officer_who_where_when_and_what_in_English()
    {
        var page1 = PdfTools.Text(await RenderSampleAsync("en"), page: 1);
        page1.ShouldContain("Reported by");
        page1.ShouldContain("Alex Smith");                       // who reports
        page1.ShouldContain("Platform");
        page1.ShouldContain("WhatsApp");                         // where
        page1.ShouldContain("Account reported");
        page1.ShouldContain("jay_eastside_sample");              // the suspect's identifiers
        page1.ShouldContain("https://example.org/u/jay_eastside_sample");
        page1.ShouldContain("+1 555 0142");
        page1.ShouldContain("2025-02-03 19:02 to 2025-02-06 20:16"); // when
        page1.ShouldContain("What happened");                    // what
        page1.ShouldContain("threatened or blackmailed");
        page1.ShouldContain("Critical");                         // level
        page1.ShouldContain("Sextortion");                       // tactics, most serious first
        page1.ShouldContain("Threats");
        page1.ShouldContain("Page 1 of");
    }

    [Fact]
    public async Task Page_one_tells_an_officer_who_where_when_and_what_in_Spanish_with_accents_intact()
    {
        var page1 = PdfTools.Text(await RenderSampleAsync("es"), page: 1);
        page1.ShouldContain("Denuncia: posible grooming");
        page1.ShouldContain("Denunciante");
        page1.ShouldContain("Mónica Peña");
        page1.ShouldContain("Plataforma");
        page1.ShouldContain("WhatsApp");
        page1.ShouldContain("Cuenta denunciada");
        page1.ShouldContain("nico_torneo_muestra");
        page1.ShouldContain("del 2025-02-03 19:02 al 2025-02-06 20:16");
        page1.ShouldContain("Qué ocurrió");
        page1.ShouldContain("Crítico");
        page1.ShouldContain("Tácticas detectadas");
        page1.ShouldContain("Sextorsión");
        page1.ShouldContain("Página 1 de");
    }

    [Fact]
    public async Task The_timeline_quotes_flagged_messages_and_names_their_tactics()
    {
        var text = PdfTools.Text(await RenderSampleAsync("es"));
        text.ShouldContain("mándame una foto tuya primero");
        text.ShouldContain("Petición de fotos o video (“mándame una foto tuya”)");
        text.ShouldContain("▶ #13");
        text.ShouldContain("(cuenta denunciada)");
    }

    [Fact]
    public async Task The_risk_section_says_honestly_what_the_model_is_and_is_not()
    {
        var text = PdfTools.Text(await RenderSampleAsync("en"));
        text.ShouldContain("Risk figures and what they mean");
        text.ShouldContain("decoy");
        text.ShouldContain("not an accusation");
        text.ShouldContain("A person must read the messages and decide");
        text.ShouldContain("hand-labelled sample (not model output)");
    }

    [Fact]
    public async Task The_evidence_list_carries_the_real_hashes_of_the_sample_files()
    {
        var text = PdfTools.Text(await RenderSampleAsync("en"));
        var chat = await File.ReadAllBytesAsync(RepoPaths.InRepo("samples", "whatsapp-en.txt"));
        text.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(chat)));
        text.ShouldContain(Convert.ToHexStringLower(MD5.HashData(chat)));
        text.ShouldContain("Custody log");
        text.ShouldContain("4 entries");
    }

    [Fact]
    public async Task Images_appear_only_as_placeholders_with_hashes_never_as_pictures()
    {
        var pdf = await RenderSampleAsync("en");
        var text = string.Join(" ", PdfTools.Text(pdf).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var png = await File.ReadAllBytesAsync(RepoPaths.InRepo("samples", "report-case", "profile-screenshot.png"));
        text.ShouldContain($"[Image profile-screenshot.png not reproduced. SHA-256: {Convert.ToHexStringLower(SHA256.HashData(png))}]");
        text.ShouldContain("[Media left out of the export: no copy, no hash]");
        Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf)).ShouldNotContain("/Subtype /Image");
    }

    [Fact]
    public async Task Every_page_renders_to_an_image()
    {
        var pdf = await RenderSampleAsync("es");
        int pages = PdfTools.PageCount(pdf);
        pages.ShouldBeGreaterThanOrEqualTo(3);
        var pngs = PdfTools.RenderPng(pdf, System.IO.Path.Combine(_dir, "page"));
        pngs.Count.ShouldBe(pages);
        foreach (var png in pngs)
        {
            new FileInfo(png).Length.ShouldBeGreaterThan(3000, $"{png} looks blank");
        }
    }

    [Fact]
    public async Task The_English_report_text_matches_the_golden_file()
    {
        await CompareGoldenAsync("en");
    }

    [Fact]
    public async Task The_Spanish_report_text_matches_the_golden_file()
    {
        await CompareGoldenAsync("es");
    }

    private async Task CompareGoldenAsync(string lang)
    {
        var actual = Normalize(PdfTools.Text(await RenderSampleAsync(lang)));
        var golden = RepoPaths.InRepo("tests", "Amparo.Reporting.Tests", "Golden", $"report-{lang}.txt");
        if (Environment.GetEnvironmentVariable("AMPARO_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(golden, actual);
        }

        var expected = Normalize(await File.ReadAllTextAsync(golden));
        actual.ShouldBe(expected, "report text changed; if intended, rerun with AMPARO_UPDATE_GOLDEN=1 and review the diff");
    }

    private static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
