using System.Text;
using Amparo.Testing;
using Microsoft.Playwright;

namespace Amparo.Web.Tests.EndToEnd;

[Collection("browser")]
public sealed class DashboardJourneyTests(BrowserFixture fx)
{
    private static async Task RegisterAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("tab-register").ClickAsync();
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-name", "Maria Parent");
        await page.FillAsync("#login-password", "a calm long passphrase");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("new-case-title").WaitForAsync();
    }

    private static async Task<string> CreateCaseAsync(IPage page, string title)
    {
        await page.FillAsync("#new-case-title", title);
        await page.GetByTestId("create-case").ClickAsync();
        await page.GetByTestId("case-title").WaitForAsync();
        return page.Url;
    }

    [Fact]
    public async Task A_parent_uploads_a_WhatsApp_export_sees_the_level_reads_why_a_message_was_flagged_and_gets_the_report()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/");
        await BrowserFixture.ScreenshotAsync(page, "01-sign-in");
        await RegisterAsync(page, "maria@example.org");
        await CreateCaseAsync(page, "Messages to Sam");

        // Upload through the file picker of the drop zone; the progress bar and the result appear.
        await page.GetByTestId("file-input").SetInputFilesAsync(RepoPaths.InRepo("samples", "whatsapp-en.txt"));
        var link = page.GetByTestId("conversation-link").First;
        await link.WaitForAsync();
        (await page.GetByTestId("upload-progress").GetAttributeAsync("value")).ShouldBe("100");
        string level = (await link.GetByTestId("level").GetAttributeAsync("data-level"))!;
        level.ShouldBeOneOf("low", "medium", "high", "critical");
        (await page.GetByTestId("evidence-name").First.TextContentAsync()).ShouldBe("whatsapp-en.txt");
        await BrowserFixture.ScreenshotAsync(page, "02-case");

        // The evidence verifies.
        await page.GetByTestId("verify").ClickAsync();
        await page.GetByTestId("verify-result").GetByText("intact", new() { Exact = false }).WaitForAsync();

        // Open the conversation: chart, flagged messages, and an explanation on click.
        await link.ClickAsync();
        await page.GetByTestId("risk-chart").WaitForAsync();
        (await page.GetByTestId("conversation-title").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
        var flagged = page.GetByTestId("flagged-message");
        (await flagged.CountAsync()).ShouldBeGreaterThan(0);
        var secrecy = flagged.Filter(new() { HasText = "dont tell anyone" });
        await secrecy.GetByTestId("flag").ClickAsync();
        var explanation = secrecy.GetByTestId("explanation");
        await explanation.WaitForAsync();
        string text = (await explanation.TextContentAsync())!;
        text.ShouldContain("Why this message was flagged");
        text.ShouldContain("dont tell anyone");
        await BrowserFixture.ScreenshotAsync(page, "03-conversation");

        // The same page in Spanish.
        await page.GetByTestId("lang-es").ClickAsync();
        await page.GetByText("Riesgo después de cada mensaje").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-conversation-es");
        await page.GetByTestId("lang-en").ClickAsync();

        // Back to the case and download the complaint report.
        await page.GetByText("Back to the case").ClickAsync();
        var pdf = page.GetByTestId("download-pdf");
        await pdf.WaitForAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => pdf.ClickAsync());
        string path = Path.Combine(BrowserFixture.ScreenshotDir, "report.pdf");
        await download.SaveAsAsync(path);
        Encoding.ASCII.GetString(File.ReadAllBytes(path).AsSpan(0, 5)).ShouldBe("%PDF-");
    }

    [Fact]
    public async Task The_dashboard_reads_well_on_a_phone()
    {
        var page = await fx.NewPageAsync(390, 844);
        await RegisterAsync(page, "phone@example.org");
        await CreateCaseAsync(page, "Phone case");
        await page.GetByTestId("file-input").SetInputFilesAsync(RepoPaths.InRepo("samples", "whatsapp-es.txt"));
        await page.GetByTestId("conversation-link").First.ClickAsync();
        await page.GetByTestId("risk-chart").WaitForAsync();
        // A Spanish chat says its risk comes from the tactics only (the wording model learned English).
        (await page.GetByTestId("language-note").TextContentAsync() ?? "").ShouldContain("Spanish");
        // Nothing wider than the screen: no sideways scrolling on a phone.
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await BrowserFixture.ScreenshotAsync(page, "05-conversation-phone");
    }

    [Fact]
    public async Task Files_can_be_dropped_on_the_drop_zone()
    {
        var page = await fx.NewPageAsync();
        await RegisterAsync(page, "drop@example.org");
        await CreateCaseAsync(page, "Dropped");
        // A real drop event carrying a File, as a desktop drag and drop produces.
        await page.GetByTestId("dropzone").EvaluateAsync("""
            zone => {
              const dt = new DataTransfer();
              dt.items.add(new File(['hello from a drop'], 'dropped-note.txt', { type: 'text/plain' }));
              zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
            }
            """);
        await page.GetByTestId("evidence-name").Filter(new() { HasText = "dropped-note.txt" }).WaitForAsync();
    }
}
