using System.Diagnostics;

namespace Amparo.Cli.Tests.Reporting;

/// <summary>Runs the real <c>amparo</c> executable (built beside the tests) as a child process.</summary>
internal static class AmparoProcess
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string?>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "amparo.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LANG"] = "C.UTF-8";
        psi.Environment.Remove("LC_ALL");
        psi.Environment.Remove("AMPARO_PASSPHRASE");
        psi.Environment.Remove("AMPARO_VAULT");
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static string PdfText(string path, int? page = null)
    {
        var psi = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in page is int p ? new[] { "-enc", "UTF-8", "-f", $"{p}", "-l", $"{p}", path, "-" } : ["-enc", "UTF-8", path, "-"])
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}
