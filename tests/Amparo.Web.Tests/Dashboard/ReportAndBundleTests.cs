using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amparo.Testing;
using Amparo.Web.Tests.Infrastructure;

namespace Amparo.Web.Tests.Dashboard;

public sealed class ReportAndBundleTests
{
    private static async Task<(AmparoFactory Factory, DashboardClient Client, string CaseId)> CaseWithSampleAsync(string sample = "whatsapp-en.txt")
    {
        var factory = new AmparoFactory();
        var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org", name: "Ana Reporter");
        string caseId = await client.CreateCaseAsync("Case");
        var res = await client.UploadAsync(caseId, (sample, File.ReadAllBytes(RepoPaths.InRepo("samples", sample))));
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return (factory, client, caseId);
    }

    [Fact]
    public async Task The_case_report_downloads_as_a_PDF_and_as_HTML_in_both_languages()
    {
        var (factory, client, caseId) = await CaseWithSampleAsync();
        using (factory)
        using (client)
        {
            var pdf = await client.Http.GetAsync($"/app/cases/{caseId}/report?format=pdf&lang=es");
            pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            pdf.Content.Headers.ContentDisposition!.FileName!.ShouldContain(".pdf");
            Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync()).AsSpan(0, 5)).ShouldBe("%PDF-");

            var html = await client.Http.GetStringAsync($"/app/cases/{caseId}/report?format=html&lang=en");
            html.ShouldContain("Ana Reporter");
            html.ShouldContain("dont tell anyone");
            (await client.Http.GetStringAsync($"/app/cases/{caseId}/activity")).ShouldContain("report.download");
        }
    }

    [Fact]
    public async Task A_case_without_an_analysed_conversation_has_nothing_to_report()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("Empty");
        (await client.Http.GetAsync($"/app/cases/{caseId}/report?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_sealed_bundle_holds_the_original_the_manifest_and_the_report_and_the_export_is_logged()
    {
        var (factory, client, caseId) = await CaseWithSampleAsync();
        using (factory)
        using (client)
        {
            var res = await client.Http.GetAsync($"/app/cases/{caseId}/bundle");
            res.StatusCode.ShouldBe(HttpStatusCode.OK);
            res.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
            using var zip = new ZipArchive(new MemoryStream(await res.Content.ReadAsByteArrayAsync()));
            var names = zip.Entries.Select(e => e.FullName).ToList();
            names.ShouldContain(n => n.EndsWith("whatsapp-en.txt", StringComparison.Ordinal));
            names.ShouldContain(n => n.Contains("manifest", StringComparison.OrdinalIgnoreCase));
            names.ShouldContain(n => n.EndsWith("report-en.pdf", StringComparison.Ordinal));
            var log = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}/activity");
            log.EnumerateArray().ShouldContain(e => e.GetProperty("action").GetString() == "case.export" && e.GetProperty("actor").GetString()!.Contains("ana@example.org", StringComparison.Ordinal));
            Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "tmp")).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Another_user_cannot_download_the_report_or_the_bundle()
    {
        var (factory, client, caseId) = await CaseWithSampleAsync();
        using (factory)
        using (client)
        {
            using var other = factory.Dashboard();
            await other.RegisterAsync("other@example.org");
            (await other.Http.GetAsync($"/app/cases/{caseId}/report?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.Http.GetAsync($"/app/cases/{caseId}/bundle")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_Spanish_chat_says_its_risk_comes_from_the_tactics_and_an_English_one_does_not()
    {
        foreach (var (sample, expected) in new[] { ("whatsapp-es.txt", true), ("whatsapp-en.txt", false) })
        {
            var (factory, client, caseId) = await CaseWithSampleAsync(sample);
            using (factory)
            using (client)
            {
                var c = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}");
                string convId = c.GetProperty("conversations")[0].GetProperty("id").GetString()!;
                var v = await client.Http.GetFromJsonAsync<JsonElement>($"/app/conversations/{convId}");
                v.GetProperty("analysis").GetProperty("languageIndependent").GetBoolean().ShouldBe(expected, sample);
            }
        }
    }

    [Fact]
    public async Task The_conversation_page_explains_its_tactics_and_gives_guidance()
    {
        var (factory, client, caseId) = await CaseWithSampleAsync();
        using (factory)
        using (client)
        {
            var c = await client.Http.GetFromJsonAsync<JsonElement>($"/app/cases/{caseId}");
            string convId = c.GetProperty("conversations")[0].GetProperty("id").GetString()!;
            var v = await client.Http.GetFromJsonAsync<JsonElement>($"/app/conversations/{convId}?lang=es");
            v.GetProperty("analysis").GetProperty("timeline").GetArrayLength().ShouldBe(v.GetProperty("messages").GetArrayLength());
            var secrecy = v.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "secrecy");
            secrecy.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
            v.GetProperty("guidance").GetArrayLength().ShouldBeGreaterThan(0);

            using var other = factory.Dashboard();
            await other.RegisterAsync("other@example.org");
            (await other.Http.GetAsync($"/app/conversations/{convId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Hostile_chat_content_is_escaped_in_the_HTML_report()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("Case");
        string export = "03/02/2025, 19:02 - <img src=x onerror=alert(1)>: <script>alert(2)</script> dont tell anyone\n" +
            "03/02/2025, 19:03 - Sam: \" onmouseover=\"alert(3)\" <a href=\"javascript:alert(4)\">x</a>\n";
        (await client.UploadAsync(caseId, ("chat.txt", Encoding.UTF8.GetBytes(export)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var res = await client.Http.GetAsync($"/app/cases/{caseId}/report?format=html");
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        res.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        string html = await res.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("href=\"javascript:");
        html.ShouldContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    }
}
