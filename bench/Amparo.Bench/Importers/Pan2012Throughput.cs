using System.Diagnostics;
using Amparo.Importers;
using Amparo.Importers.Pan2012;

namespace Amparo.Bench.Importers;

/// <summary>
/// <c>throughput pan2012 [scanner|xmlreader] [MB]</c>: imports a generated PAN-2012-layout file (1 GB by
/// default, generated once into /tmp) and reports MB/s and peak working set. Target: ≥ 100 MB/s, &lt; 300 MB.
/// </summary>
public static class Pan2012Throughput
{
    public static async Task RunAsync(string[] args)
    {
        var engine = args.Length > 0 && string.Equals(args[0], "xmlreader", StringComparison.OrdinalIgnoreCase)
            ? Pan2012Engine.XmlReader
            : Pan2012Engine.Scanner;
        long megabytes = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        string path = Path.Combine(Path.GetTempPath(), $"amparo-bench-pan2012-{megabytes}MB.xml");
        Pan2012Generator.EnsureFile(path, megabytes * 1_000_000);

        long bytes = new FileInfo(path).Length;
        var importer = new Pan2012Importer(engine);
        var input = new ImportInput
        {
            FileName = Path.GetFileName(path),
            Open = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            Length = bytes,
        };

        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        long messages = 0;
        long conversations = 0;
        int diagnostics = 0;
        var sw = Stopwatch.StartNew();
        await foreach (var item in importer.ReadAsync(input))
        {
            if (item.Conversation is { } c)
            {
                conversations++;
                messages += c.Messages.Count;
            }
            else
            {
                diagnostics++;
                Console.Error.WriteLine(item.Diagnostic);
            }
        }

        sw.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;

        // The machine is shared; CPU time says what the import costs when it is not waiting for a core.
        Console.WriteLine(FormattableString.Invariant(
            $"engine {engine}: {conversations:N0} conversations, {diagnostics} file diagnostics, CPU time {cpu.TotalSeconds:F2} s = {bytes / 1e6 / cpu.TotalSeconds:F1} MB/s of CPU"));
        Throughput.Report($"pan2012 ({engine})", bytes, messages, sw.Elapsed);
    }
}
