using System.Diagnostics;
using System.Text;
using Amparo.Importers;
using Amparo.Importers.WhatsApp;
using BenchmarkDotNet.Attributes;

namespace Amparo.Bench.Importers;

/// <summary>Generates WhatsApp exports with the mix of a real chat: short and long lines, multi-line messages, media, accents, emoji.</summary>
public static class WhatsAppChatGenerator
{
    private static readonly string[] Authors = ["Ana", "Ben", "~\u202FSam", "\u202A+34 600 111 222\u202C", "Lucía Pérez", "Coach Dan"];

    private static readonly string[] Phrases =
    [
        "hi", "ok", "see you tomorrow at school", "did you finish the maths homework?", "jajaja sí", "¿vienes mañana al entrenamiento?",
        "the bus is late again 🙄", "I will send the notes after dinner", "can you help me with question 4, I do not get it at all",
        "mañana hay examen de inglés, ¿estudiaste?", "👍", "lol", "what time does the match start on Saturday? my mum can drive us",
    ];

    public static void Write(TextWriter w, long targetChars, int seed = 42)
    {
        var rng = new Random(seed);
        var time = new DateTime(2023, 1, 1, 8, 0, 0);
        long written = 0;
        var sb = new StringBuilder(512);
        while (written < targetChars)
        {
            time = time.AddSeconds(rng.Next(5, 900));
            sb.Clear();
            sb.Append(time.Day.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append('/')
              .Append(time.Month.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append('/')
              .Append(time.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(", ")
              .Append(time.Hour.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(':')
              .Append(time.Minute.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(" - ");
            int roll = rng.Next(1000);
            if (roll < 3)
            {
                sb.Append("Ana added Ben");
            }
            else
            {
                sb.Append(Authors[rng.Next(Authors.Length)]).Append(": ");
                if (roll < 40)
                {
                    sb.Append("<Media omitted>");
                }
                else if (roll < 45)
                {
                    sb.Append("This message was deleted");
                }
                else
                {
                    int parts = 1 + rng.Next(4);
                    for (int p = 0; p < parts; p++)
                    {
                        if (p > 0)
                        {
                            sb.Append(rng.Next(8) == 0 ? '\n' : ' ');
                        }

                        sb.Append(Phrases[rng.Next(Phrases.Length)]);
                    }
                }
            }

            sb.Append('\n');
            w.Write(sb);
            written += sb.Length;
        }
    }

    /// <summary>The ~1 GB file of the throughput run, generated once into /tmp.</summary>
    public static string EnsureLargeFile(long bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), "amparo-bench", $"whatsapp-{bytes >> 20}MB.txt");
        if (File.Exists(path) && new FileInfo(path).Length >= bytes * 9 / 10)
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Console.WriteLine($"generating {path} …");
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            Write(w, bytes);
        }

        return path;
    }
}

/// <summary>`throughput whatsapp [MB]`: streams a generated 1 GB export through <see cref="WhatsAppParser"/>.</summary>
public static class WhatsAppThroughput
{
    public static async Task RunAsync(string[] args)
    {
        long mb = args.Length > 0 && long.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out long m) ? m : 1024;
        string path = WhatsAppChatGenerator.EnsureLargeFile(mb << 20);
        long length = new FileInfo(path).Length;
        var input = new ImportInput
        {
            FileName = Path.GetFileName(path),
            Open = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous),
            Length = length,
        };

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var parser = new WhatsAppParser(input);
        await parser.InferDateOrderAsync();
        var firstPass = sw.Elapsed;
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        long messages = 0, chars = 0;
        await foreach (var message in parser.ReadMessagesAsync())
        {
            messages++;
            chars += message.Text.Length;
        }

        sw.Stop();
        Throughput.Report("whatsapp", length, messages, sw.Elapsed);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        // The machine is shared: CPU time shows the parser's own cost when wall-clock time is inflated by other load.
        Console.WriteLine(FormattableString.Invariant(
            $"  first pass (date order) {firstPass.TotalSeconds:F2} s wall, {(cpu1 - cpu0).TotalSeconds:F2} s CPU; total CPU {cpu.TotalSeconds:F2} s = {length / 1e6 / cpu.TotalSeconds:F1} MB per CPU-second"));
        Console.WriteLine($"  participants {parser.Participants.Count}, text chars {chars:N0}, date order {parser.DateOrder}, diagnostics {parser.Diagnostics.Count}");
    }
}

/// <summary>BenchmarkDotNet: parsing a 16 MB in-memory export (allocations per message included).</summary>
[MemoryDiagnoser]
public class WhatsAppParseBenchmarks
{
    private byte[] _chat = [];

    [GlobalSetup]
    public void Setup()
    {
        var sw = new StringWriter();
        WhatsAppChatGenerator.Write(sw, 16 << 20);
        _chat = Encoding.UTF8.GetBytes(sw.ToString());
    }

    [Benchmark]
    public async Task<long> Parse_16MB_export()
    {
        var parser = new WhatsAppParser(new ImportInput { FileName = "chat.txt", Open = () => new MemoryStream(_chat, writable: false) });
        long n = 0;
        await foreach (var _ in parser.ReadMessagesAsync())
        {
            n++;
        }

        return n;
    }
}
