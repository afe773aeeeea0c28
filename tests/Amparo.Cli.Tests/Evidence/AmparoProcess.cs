using System.Diagnostics;

namespace Amparo.Cli.Tests.Evidence;

/// <summary>Runs the real <c>amparo</c> executable (built beside the tests) with a test vault and passphrase.</summary>
internal sealed class AmparoProcess
{
    public const string Passphrase = "a test passphrase";

    public AmparoProcess(string vault) => Vault = vault;

    public string Vault { get; }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "amparo.dll");

    public ProcessStartInfo StartInfo(IEnumerable<string> args, string? passphrase = Passphrase, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(Vault)!,
        };
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["AMPARO_VAULT"] = Vault;
        psi.Environment["AMPARO_TEST_KDF_ITERATIONS"] = "1000";
        if (passphrase is null)
        {
            psi.Environment.Remove("AMPARO_PASSPHRASE");
        }
        else
        {
            psi.Environment["AMPARO_PASSPHRASE"] = passphrase;
        }

        return psi;
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => await RunWithAsync(Passphrase, args);

    public async Task<(int Exit, string Out, string Err)> RunWithAsync(string? passphrase, params string[] args)
    {
        using var p = Process.Start(StartInfo(args, passphrase))!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
