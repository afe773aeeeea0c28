using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amparo.Evidence;
using Amparo.Evidence.Sqlite;
using Xunit.Abstractions;

namespace Amparo.Cli.Tests.Evidence;

/// <summary>
/// Adding is atomic: `amparo evidence add` is killed with SIGKILL at random moments, many times, and the vault
/// must verify after every round, with each item whole or absent. AMPARO_KILL_TEST_KILLS sets the number of
/// kills (default 200); on an idle two-core machine the test takes about a minute.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amparo-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Adding_survives_being_killed_at_random_moments_with_every_item_whole_or_absent()
    {
        int wanted = int.TryParse(Environment.GetEnvironmentVariable("AMPARO_KILL_TEST_KILLS"), CultureInfo.InvariantCulture, out int k) ? k : 200;
        var amparo = new AmparoProcess(Path.Combine(_dir, "vault"));
        (await amparo.RunAsync("case", "new", "--title", "kill test")).Exit.ShouldBe(0);

        // A pool of inputs: mostly small, every tenth spans a few 1 MiB encrypted chunks.
        var random = new Random(20260314);
        var pool = new List<(string Path, string Sha)>();
        for (int i = 0; i < 240; i++)
        {
            int size = i % 10 == 0 ? random.Next(1_200_000, 2_600_000) : random.Next(1, 150_000);
            byte[] data = new byte[size];
            random.NextBytes(data);
            string path = Path.Combine(_dir, $"in{i:D3}.bin");
            await File.WriteAllBytesAsync(path, data);
            pool.Add((path, Convert.ToHexStringLower(SHA256.HashData(data))));
        }

        var known = pool.ToDictionary(p => p.Sha, p => p.Path);
        int kills = 0;
        int completed = 0;
        int next = 0;
        var window = TimeSpan.FromMilliseconds(400);
        var started = Stopwatch.StartNew();
        for (int round = 0; kills < wanted && round < wanted * 10; round++)
        {
            var args = new List<string> { "evidence", "add", "C-0001", "--no-import" };
            for (int j = 0; j < 4; j++)
            {
                args.Add(pool[next++ % pool.Count].Path);
            }

            using var p = Process.Start(amparo.StartInfo(args))!;
            p.StandardInput.Close();
            var opened = new TaskCompletionSource();
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("Vault:", StringComparison.Ordinal) == true)
                {
                    opened.TrySetResult();
                }
            };
            p.OutputDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            var vaultOpen = Stopwatch.StartNew();
            await Task.WhenAny(opened.Task, p.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(1)));

            // Kill somewhere inside the adding itself (after start-up), at a uniformly random moment.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds));
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                kills++;

                // Creep towards the length of a whole add so kills also land late in it.
                window = TimeSpan.FromMilliseconds(Math.Min(5_000, window.TotalMilliseconds * 1.05));
            }
            else
            {
                p.ExitCode.ShouldBe(0, $"round {round}: an uninterrupted add failed");
                completed++;

                // Runs that finish first mean the window is too long for this machine right now; shrink it.
                window = TimeSpan.FromMilliseconds(Math.Max(20, Math.Min(window.TotalMilliseconds, vaultOpen.Elapsed.TotalMilliseconds * 1.1)));
            }

            await p.WaitForExitAsync();

            if (round % 40 == 39)
            {
                int stored = await CheckAsync(amparo.Vault, known);
                if (Environment.GetEnvironmentVariable("AMPARO_KILL_TEST_PROGRESS") is { Length: > 0 } progress)
                {
                    await File.AppendAllTextAsync(progress, FormattableString.Invariant($"{DateTime.UtcNow:HH:mm:ss} round {round + 1}: {kills} kills, {completed} whole runs, {stored} items, window {window.TotalMilliseconds:F0} ms, verified\n"));
                }
            }
        }

        kills.ShouldBeGreaterThanOrEqualTo(wanted);
        int items = await CheckAsync(amparo.Vault, known);
        log.WriteLine($"{kills} kills, {completed} uninterrupted runs, {items} items stored, {started.Elapsed.TotalSeconds:F0} s");
        items.ShouldBeGreaterThan(0);
    }

    /// <summary>Opens the vault in this process (which finishes or undoes any interrupted add), verifies it, reads every item back.</summary>
    private static async Task<int> CheckAsync(string folder, Dictionary<string, string> known)
    {
        await using var vault = await SqliteVault.OpenAsync(folder, AmparoProcess.Passphrase);
        var report = await vault.VerifyAsync("C-0001");
        report.Findings.ShouldBeEmpty();
        var contents = await vault.GetCaseAsync("C-0001");
        foreach (var item in contents.Items)
        {
            known.ShouldContainKey(item.Sha256, "an item that is not one of the inputs");
            Path.GetFileName(known[item.Sha256]).ShouldBe(item.FileName);
            item.Size.ShouldBe(new FileInfo(known[item.Sha256]).Length);
            await using var s = await vault.OpenItemAsync("C-0001", item.Sha256);
            await s.CopyToAsync(Stream.Null);
        }

        contents.Items.Select(i => i.Sha256).ShouldBeUnique();
        Directory.EnumerateFiles(Path.Combine(folder, "tmp")).ShouldBeEmpty("recovery clears staging files");
        return contents.Items.Count;
    }
}
