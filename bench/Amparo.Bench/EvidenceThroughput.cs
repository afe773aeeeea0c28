using System.Diagnostics;
using System.Globalization;
using Amparo.Evidence;
using Amparo.Evidence.Sqlite;

namespace Amparo.Bench;

/// <summary>
/// <c>throughput vault-add [MB]</c>: stores MB (default 1024) of generated files in a fresh SQLite vault
/// (hash SHA-256 + MD5, AES-GCM, fsync, commit each). <c>throughput vault-verify [MB]</c>: re-verifies such a case
/// (decrypt + SHA-256 of every file, the chain). Inputs live in $TMPDIR/amparo-bench and are reused between runs;
/// vault creation (PBKDF2) is outside the timing.
/// </summary>
public static class EvidenceThroughput
{
    private const string Passphrase = "benchmark passphrase";

    public static void Register()
    {
        Throughput.Register("vault-add", AddAsync);
        Throughput.Register("vault-verify", VerifyAsync);
    }

    private static string Root => Path.Combine(Path.GetTempPath(), "amparo-bench");

    private static async Task AddAsync(string[] args)
    {
        long bytes = Megabytes(args) * 1_000_000;
        var inputs = await InputsAsync(bytes);
        string folder = Path.Combine(Root, "vault-add-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var vault = await SqliteVault.CreateAsync(folder, Passphrase, new VaultOptions { KdfIterations = 1000 });
            var c = await vault.CreateCaseAsync(new NewCase { Title = "bench" }, "bench");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long total = 0;
            foreach (string input in inputs)
            {
                await using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var item = await vault.AddOriginalAsync(c.Id, stream, new NewOriginal { FileName = Path.GetFileName(input) }, "bench");
                total += item.Size;
            }

            Throughput.Report("vault-add", total, inputs.Count, sw.Elapsed);
            ReportCpu("vault-add", total, cpu);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task VerifyAsync(string[] args)
    {
        long bytes = Megabytes(args) * 1_000_000;
        string folder = Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"vault-verify-{bytes / 1_000_000}"));
        if (!await SqliteVault.ExistsAsync(folder))
        {
            var inputs = await InputsAsync(bytes);
            await using var created = await SqliteVault.CreateAsync(folder, Passphrase, new VaultOptions { KdfIterations = 1000 });
            var c = await created.CreateCaseAsync(new NewCase { Title = "bench" }, "bench");
            foreach (string input in inputs)
            {
                await using var stream = File.OpenRead(input);
                await created.AddOriginalAsync(c.Id, stream, new NewOriginal { FileName = Path.GetFileName(input) }, "bench");
            }
        }

        await using var vault = await SqliteVault.OpenAsync(folder, Passphrase);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var report = await vault.VerifyAsync("C-0001");
        sw.Stop();
        if (!report.IsIntact)
        {
            throw new InvalidOperationException("benchmark vault does not verify: " + string.Join("; ", report.Findings));
        }

        Throughput.Report("vault-verify", report.BytesChecked, report.ItemsChecked, sw.Elapsed);
        ReportCpu("vault-verify", report.BytesChecked, cpu);
    }

    /// <summary>
    /// MB per CPU-second of this process: on a machine shared with other work, wall-clock MB/s mostly measures the
    /// neighbours, so this line shows what the code itself costs.
    /// </summary>
    private static void ReportCpu(string name, long bytes, TimeSpan cpuBefore)
    {
        double seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"{name}: {seconds:F2} CPU-seconds = {bytes / 1e6 / seconds:F1} MB per CPU-second (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
    }

    private static long Megabytes(string[] args) =>
        args.Length > 0 && long.TryParse(args[0], CultureInfo.InvariantCulture, out long mb) ? mb : 1000;

    /// <summary>Files of mixed sizes (a few large recordings, many screenshots) adding up to <paramref name="bytes"/>.</summary>
    private static async Task<List<string>> InputsAsync(long bytes)
    {
        string dir = Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"inputs-{bytes / 1_000_000}"));
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        var random = new Random(42);
        long total = 0;
        byte[] buffer = new byte[1 << 20];
        for (int i = 0; total < bytes; i++)
        {
            long size = Math.Min(bytes - total, i % 4 == 0 ? 200_000_000 : random.Next(200_000, 8_000_000));
            string path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"f{i:D4}.bin"));
            if (!File.Exists(path) || new FileInfo(path).Length != size)
            {
                await using var f = File.Create(path);
                for (long written = 0; written < size; written += buffer.Length)
                {
                    random.NextBytes(buffer);
                    await f.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written)));
                }
            }

            files.Add(path);
            total += size;
        }

        return files;
    }
}
