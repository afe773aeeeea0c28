using Microsoft.Playwright;

namespace Amparo.Web.Tests.EndToEnd;

/// <summary>Chat content is written by the attacker: it must show as text and never run or reshape the page.</summary>
[Collection("browser")]
public sealed class HostileContentTests(BrowserFixture fx)
{
    private const string Payloads = """
        03/02/2025, 19:02 - <img src=x onerror=window.__pwned=1>: <script>window.__pwned=2</script>hello
        03/02/2025, 19:03 - Sam" onmouseover="window.__pwned=3: " autofocus onfocus="window.__pwned=4" x="
        03/02/2025, 19:04 - <img src=x onerror=window.__pwned=1>: javascript:window.__pwned=5 <a href="javascript:window.__pwned=6">click</a>
        03/02/2025, 19:05 - Sam" onmouseover="window.__pwned=3: </li></ol><iframe src="javascript:window.parent.__pwned=7"></iframe> dont tell anyone
        03/02/2025, 19:06 - <img src=x onerror=window.__pwned=1>: <svg onload="window.__pwned=8"></svg>{{constructor.constructor('window.__pwned=9')()}}
        """;

    [Fact]
    public async Task Script_attribute_and_javascript_payloads_in_names_messages_and_file_names_stay_inert_text()
    {
        var page = await fx.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        var cspViolations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) { cspViolations.Add(m.Text); } };

        await page.GotoAsync("/");
        await page.GetByTestId("tab-register").ClickAsync();
        await page.FillAsync("#login-email", "hostile@example.org");
        await page.FillAsync("#login-name", "<b>Bold</b> Parent");
        await page.FillAsync("#login-password", "a calm long passphrase");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.FillAsync("#new-case-title", "<img src=x onerror=window.__pwned=10>");
        await page.GetByTestId("create-case").ClickAsync();
        await page.GetByTestId("case-title").WaitForAsync();

        string fileName = "<img src=x onerror=window.__pwned=11>'\"javascript:alert(1).txt";
        await page.GetByTestId("file-input").SetInputFilesAsync(new FilePayload
        {
            Name = fileName,
            MimeType = "text/plain",
            Buffer = System.Text.Encoding.UTF8.GetBytes(Payloads.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"),
        });
        await page.GetByTestId("evidence-name").First.WaitForAsync();
        // Chromium itself escapes a double quote in a multipart file name as %22; everything else arrives as typed.
        (await page.GetByTestId("evidence-name").First.TextContentAsync()).ShouldBe(fileName.Replace("\"", "%22", StringComparison.Ordinal));
        (await page.GetByTestId("case-title").TextContentAsync()).ShouldBe("<img src=x onerror=window.__pwned=10>");
        await page.GetByTestId("conversation-link").First.ClickAsync();
        await page.GetByTestId("messages").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "06-hostile-content");

        // Hover and focus everything, click every link and button in the message list, as a curious reader would.
        var messages = page.GetByTestId("messages");
        foreach (var li in await messages.Locator("li").AllAsync())
        {
            await li.HoverAsync();
        }

        foreach (var button in await messages.Locator("button").AllAsync())
        {
            await button.ClickAsync();
        }

        await page.WaitForTimeoutAsync(300);
        (await page.EvaluateAsync<object?>("window.__pwned ?? null")).ShouldBeNull();
        dialogs.ShouldBeEmpty();
        (await messages.Locator("img, script, iframe, svg, a").CountAsync()).ShouldBe(0);
        (await page.Locator("a[href^='javascript']").CountAsync()).ShouldBe(0);
        (await page.Locator("script").CountAsync()).ShouldBe(1);
        string all = (await messages.TextContentAsync())!;
        all.ShouldContain("<script>window.__pwned=2</script>hello");
        all.ShouldContain("<iframe src=\"javascript:window.parent.__pwned=7\"></iframe>");
        (await page.Locator(".msg-author").First.TextContentAsync()).ShouldBe("<img src=x onerror=window.__pwned=1>");
        cspViolations.ShouldBeEmpty();
    }
}
