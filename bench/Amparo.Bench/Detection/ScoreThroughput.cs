using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Amparo.Detection;
using Amparo.Detection.Scoring;

namespace Amparo.Bench.Detection;

/// <summary>
/// <c>throughput score [messages] [exe]</c>: <c>amparo score</c> end to end over a generated interchange JSONL
/// file (2,000,000 messages in 50-message conversations by default, generated once into /tmp): the in-process
/// pipeline (read JSONL → analyse → write score lines), and, when the path of a built <c>amparo</c> is given, the
/// real command as a child process. Target ≥ 200,000 messages/s. Reports CPU time too: the machine is shared.
/// </summary>
public static class ScoreThroughput
{
    public static async Task RunAsync(string[] args)
    {
        long messages = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2_000_000;
        string path = Path.Combine(Path.GetTempPath(), $"amparo-bench-score-{messages}.jsonl");
        EnsureFile(path, messages);
        long bytes = new FileInfo(path).Length;

        var engine = DetectionEngine.LoadDefault();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        ScoreSummary summary;
        using (var reader = new StreamReader(path, Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 16 }))
        await using (var output = new FileStream(Path.Combine(Path.GetTempPath(), "amparo-bench-score-out.jsonl"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            summary = await ScoreJsonl.ScoreAsync(engine, reader, Path.GetFileName(path), output, Console.Error, CancellationToken.None);
        }

        sw.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        Console.WriteLine(FormattableString.Invariant(
            $"score in-process: {summary.Scored:N0} conversations, CPU time {cpu.TotalSeconds:F2} s = {summary.Messages / cpu.TotalSeconds:N0} messages/s of CPU"));
        Throughput.Report("score (in-process)", bytes, summary.Messages, sw.Elapsed);

        if (args.Length > 1 && File.Exists(args[1]))
        {
            // Output goes to a file; the child's stderr (diagnostics only) is left on the console, not redirected,
            // so a full pipe can never block it.
            var psi = new ProcessStartInfo(args[1]);
            psi.ArgumentList.Add("score");
            psi.ArgumentList.Add("--input");
            psi.ArgumentList.Add(path);
            psi.ArgumentList.Add("--output");
            psi.ArgumentList.Add(Path.Combine(Path.GetTempPath(), "amparo-bench-score-out2.jsonl"));
            var sw2 = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            // A finished process can no longer be asked for its CPU time or peak memory: sample while it runs
            // (the CPU figure misses at most the last 50 ms).
            var childCpu = TimeSpan.Zero;
            long peak = 0;
            while (!p.HasExited)
            {
                try
                {
                    p.Refresh();
                    childCpu = p.TotalProcessorTime;
                    peak = Math.Max(peak, p.PeakWorkingSet64);
                }
                catch (InvalidOperationException)
                {
                }

                await Task.Delay(50);
            }

            await p.WaitForExitAsync();
            sw2.Stop();
            Console.WriteLine(FormattableString.Invariant(
                $"amparo score (process): exit {p.ExitCode}, {summary.Messages:N0} messages in {sw2.Elapsed.TotalSeconds:F2} s = {summary.Messages / sw2.Elapsed.TotalSeconds:N0} messages/s wall, CPU {childCpu.TotalSeconds:F2} s = {summary.Messages / childCpu.TotalSeconds:N0} messages/s of CPU, peak working set {peak / 1e6:F0} MB"));
        }
    }

    private static void EnsureFile(string path, long messages)
    {
        if (File.Exists(path))
        {
            return;
        }

        var lines = ChatGenerator.Lines(100_000, seed: 11);
        string tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new Utf8JsonWriter(f))
        {
            long written = 0;
            int conv = 0;
            while (written < messages)
            {
                w.WriteStartObject();
                w.WriteString("id", "c" + conv.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteStartArray("messages");
                for (int i = 0; i < 50 && written < messages; i++, written++)
                {
                    var (author, text) = lines[(int)(written % lines.Length)];
                    w.WriteStartObject();
                    w.WriteString("author", author);
                    w.WriteString("time", "2024-05-01T10:00:00");
                    w.WriteString("text", text);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.Flush();
                f.WriteByte((byte)'\n');
                w.Reset();
                conv++;
            }
        }

        File.Move(tmp, path, overwrite: true);
    }
}
