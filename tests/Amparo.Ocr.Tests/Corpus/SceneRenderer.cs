using System.Diagnostics;
using System.Globalization;
using Amparo.Ocr.Imaging;

namespace Amparo.Ocr.Tests.Corpus;

/// <summary>Renders scenes to real screenshots with Debian's headless Chromium (and cjpeg for the JPEG ones).</summary>
public static class SceneRenderer
{
    public static async Task<string> RenderAsync(ChatScene scene, string directory, CancellationToken cancellationToken = default)
    {
        string html = ChatHtml.Render(scene, out int height);
        string htmlPath = Path.Combine(directory, scene.Name + ".html");
        await File.WriteAllTextAsync(htmlPath, html, cancellationToken);
        string png = Path.Combine(directory, scene.Name + ".png");
        string profile = Path.Combine(directory, "chromium-" + scene.Name);
        Directory.CreateDirectory(profile);
        await RunAsync("/usr/bin/chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--hide-scrollbars",
            "--force-device-scale-factor=" + scene.Scale.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"--window-size={scene.Width},{height}"),
            "--screenshot=" + png, new Uri(htmlPath).AbsoluteUri,
        ], null, cancellationToken);
        Directory.Delete(profile, recursive: true);
        if (!File.Exists(png))
        {
            throw new InvalidOperationException($"chromium wrote no screenshot for {scene.Name}");
        }

        if (scene.JpegQuality is not { } quality)
        {
            return png;
        }

        var decoded = await PngDecoder.DecodeAsync(File.OpenRead(png), scene.Name, cancellationToken: cancellationToken);
        string jpg = Path.Combine(directory, scene.FileName);
        await RunAsync("/usr/bin/cjpeg", ["-quality", quality.ToString(CultureInfo.InvariantCulture), "-outfile", jpg], Pnm.WriteRgb(decoded.Image!), cancellationToken);
        File.Delete(png);
        return jpg;
    }

    private static async Task RunAsync(string exe, string[] args, byte[]? stdin, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync(cancellationToken);
        var @out = p.StandardOutput.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await p.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
        }

        p.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not finish in 90 s");
        }

        await err;
        await @out;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} failed with exit code {p.ExitCode}: {await err}");
        }
    }
}
