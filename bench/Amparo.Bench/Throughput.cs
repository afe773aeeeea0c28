using System.Diagnostics;

namespace Amparo.Bench;

/// <summary>
/// Whole-file throughput runs (GB-sized generated inputs) that BenchmarkDotNet's repeated invocations would
/// make impractical. Each run reports MB/s (or items/s) and peak working set; run it several times for a median.
/// </summary>
public static class Throughput
{
    /// <summary>Registered runs: name → (args → task). Each feature folder adds its own in its file.</summary>
    private static readonly Dictionary<string, Func<string[], Task>> Runs = new(StringComparer.Ordinal);

    public static void Register(string name, Func<string[], Task> run) => Runs[name] = run;

    public static async Task<int> RunAsync(string[] args)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(ThroughputRegistry).TypeHandle);
        if (args.Length == 0 || !Runs.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine("usage: throughput <name> [args]; names: " + string.Join(", ", Runs.Keys.Order(StringComparer.Ordinal)));
            return 2;
        }

        await run(args[1..]);
        return 0;
    }

    /// <summary>Prints one result line in a fixed format that the README quotes.</summary>
    public static void Report(string name, long bytes, long items, TimeSpan elapsed)
    {
        using var p = Process.GetCurrentProcess();
        double mbps = bytes / 1e6 / elapsed.TotalSeconds;
        double ips = items / elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"{name}: {bytes / 1e6:F0} MB, {items:N0} items in {elapsed.TotalSeconds:F2} s = {mbps:F1} MB/s, {ips:N0} items/s, peak working set {p.PeakWorkingSet64 / 1e6:F0} MB"));
    }
}

/// <summary>Each benchmark area adds a line to the static constructor (kept in one place so runs are discoverable).</summary>
internal static class ThroughputRegistry
{
    static ThroughputRegistry()
    {
        Throughput.Register("whatsapp", Importers.WhatsAppThroughput.RunAsync);
        Throughput.Register("pan2012", Importers.Pan2012Throughput.RunAsync);
        Throughput.Register("score", Detection.ScoreThroughput.RunAsync);
        EvidenceThroughput.Register();
    }
}
