using System.Diagnostics;

namespace Amparo.Cli.Tests;

/// <summary><c>amparo analyze shot1.png shot2.png</c>: screenshots named together are read as one chat.</summary>
public sealed class AnalyzeScreenshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amparo-cli-shots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> RenderAsync(string name, params (bool Mine, string Text)[] messages)
    {
        string bubbles = string.Concat(messages.Select(m =>
            $"<div style=\"display:flex;justify-content:{(m.Mine ? "flex-end" : "flex-start")};margin:8px 10px\"><div style=\"background:{(m.Mine ? "#d9fdd3" : "#fff")};padding:8px 10px;border-radius:8px;max-width:70%\">{m.Text}</div></div>"));
        string html = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;background:#efeae2;font:16px 'DejaVu Sans'\">"
            + "<div style=\"height:60px;background:#008069;color:#fff;display:flex;align-items:center;padding-left:16px;font-size:19px\">Ana Torres</div>"
            + bubbles + "</body></html>";
        string htmlPath = Path.Combine(_dir, name + ".html");
        await File.WriteAllTextAsync(htmlPath, html);
        string png = Path.Combine(_dir, name + ".png");
        var info = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(_dir, "profile-" + name), "--window-size=400,360", "--screenshot=" + png, new Uri(htmlPath).AbsoluteUri })
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await p.WaitForExitAsync(cts.Token);
        File.Exists(png).ShouldBeTrue();
        return png;
    }

    [Fact]
    public async Task Screenshots_named_together_are_read_as_one_conversation_with_the_owner_on_the_right()
    {
        string a = await RenderAsync("shot1", (false, "Hola, ¿vienes al partido?"), (true, "Sí, llego a las cinco"));
        string b = await RenderAsync("shot2", (false, "Bring your boots"), (true, "Ok, see you there"));

        var (code, output, error) = await CliRunner.RunAsync("analyze", a, b);

        code.ShouldBe(0, error + output);
        output.ShouldContain("Conversation 1: screenshot-");
        output.ShouldContain("Source: Screenshot (file shot1.png)");
        output.ShouldContain("Title: Ana Torres");
        output.ShouldContain("Messages: 4 (4 text");
        output.ShouldContain("Ana Torres 2");
        output.ShouldContain("1 conversation(s), 4 message(s) from 2 input(s).");
    }

    [Fact]
    public async Task A_broken_image_is_unusable_input_named_in_the_message()
    {
        string broken = Path.Combine(_dir, "broken.png");
        await File.WriteAllBytesAsync(broken, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H']);

        var (code, _, error) = await CliRunner.RunAsync("analyze", broken);

        code.ShouldBe(2);
        error.ShouldContain("broken.png");
        error.ShouldContain("PNG");
    }
}
