using System.Diagnostics;

namespace Amparo.Reporting.Tests.Complaint;

/// <summary>Runs poppler's pdftotext and pdftoppm on real PDF files.</summary>
internal static class PdfTools
{
    public static string Text(string pdfPath, int? page = null)
    {
        var args = new List<string> { "-enc", "UTF-8", "-layout" };
        if (page is int p)
        {
            args.AddRange(["-f", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange([pdfPath, "-"]);
        return Run("pdftotext", args);
    }

    /// <summary>Renders pages to PNG files named prefix-N.png; returns their paths.</summary>
    public static IReadOnlyList<string> RenderPng(string pdfPath, string prefix, int dpi = 60)
    {
        Run("pdftoppm", ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), pdfPath, prefix]);
        var dir = Path.GetDirectoryName(prefix)!;
        var name = Path.GetFileName(prefix);
        return Directory.GetFiles(dir, name + "-*.png").Order(StringComparer.Ordinal).ToArray();
    }

    public static int PageCount(string pdfPath)
    {
        var info = Run("pdfinfo", [pdfPath]);
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Run(string tool, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start (install poppler-utils)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish in 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }
}
