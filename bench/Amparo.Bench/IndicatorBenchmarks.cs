using System.Diagnostics;
using Amparo.Detection.Indicators;
using Amparo.Detection.Normalization;
using BenchmarkDotNet.Attributes;

namespace Amparo.Bench;

/// <summary>
/// Normalisation + indicator matching per message, the per-message cost inside the streaming scorer (target: at
/// least 1,000,000 messages/s per core). Messages are synthetic, mild, ~40 characters, EN and ES, mostly ordinary
/// chat with some tactics, leetspeak and emoji. Each benchmark call processes the whole set once; the reported
/// time is per message (OperationsPerInvoke), so messages/s = 1 s / Mean.
/// Run: <c>dotnet run -c Release --project bench/Amparo.Bench -- --filter *IndicatorBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Messages = 4096;

    private static readonly string[] Samples =
    [
        "hey how was school today? mine was long",
        "lol yeah the game last night was sooo good",
        "what are you doing this weekend, any plans?",
        "my mom says i have to do my homework first",
        "did you see the new video they posted today",
        "ok brb dinner time, talk to you later 😂",
        "are you home alone right now? just asking",
        "send me a pic pleeease, i wanna see you",
        "d0nt t3ll ur mom about us ok? promise me",
        "i can get you robux if you want some, k?",
        "hola q tal, como te fue hoy en el colegio?",
        "jaja sí mañana nos vemos en clase de mate",
        "mándame una fotito 😘 porfa, solo una",
        "no le digas a nadie, es nuestro secreto ok",
        "tengo que estudiar para el examen de mañana",
        "the wifi at my house is so slow today ugh",
        "wyd? asl? im new here and kinda bored lol",
        "i think the teacher is going to be mad at us",
        "we should meet up at the mall sometime soon",
        "that movie was kinda boring tbh, 5/10 maybe",
    ];

    private readonly List<IndicatorMatch> _matches = new(16);
    private readonly List<IndicatorHit> _hits = new(16);
    private readonly TokenBuffer _buffer = new();
    private string[] _messages = [];
    private IndicatorMatcher _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = IndicatorCatalog.Default;
        var rng = new Random(42);
        _messages = new string[Messages];
        for (int i = 0; i < Messages; i++)
        {
            _messages[i] = Samples[rng.Next(Samples.Length)];
        }

        double avg = _messages.Average(m => m.Length);
        Console.WriteLine($"// {Messages} messages, mean length {avg:F1} chars, {_catalog.PhraseCount} phrases in the automaton");
    }

    /// <summary>Tokenize and normalise only.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int Normalize()
    {
        int tokens = 0;
        foreach (string m in _messages)
        {
            ChatTokenizer.Tokenize(m, _buffer);
            tokens += _buffer.Count;
        }

        return tokens;
    }

    /// <summary>Normalise + match every indicator, no allocation: what the streaming scorer calls.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public int NormalizeAndMatch()
    {
        int found = 0;
        foreach (string m in _messages)
        {
            _matches.Clear();
            _catalog.MatchSpans(m, _matches);
            found += _matches.Count;
        }

        return found;
    }

    /// <summary>Normalise + match + evidence strings (<see cref="IIndicatorMatcher.Match"/>), as reports use it.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int NormalizeAndMatchWithEvidence()
    {
        int found = 0;
        for (int i = 0; i < _messages.Length; i++)
        {
            _hits.Clear();
            _catalog.Match(_messages[i], i, _hits);
            found += _hits.Count;
        }

        return found;
    }

    /// <summary>
    /// <c>-- throughput indicators [seconds]</c>: normalise+match in a loop on one thread and report messages per
    /// second of wall time AND per second of CPU time. On a shared, overloaded machine the CPU-time figure is the
    /// one that says what one core can do.
    /// </summary>
    public static Task RunThroughputAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var bench = new IndicatorBenchmarks();
        bench.Setup();
        for (int i = 0; i < 50; i++)
        {
            bench.NormalizeAndMatch();
        }

        foreach (var (name, run) in new (string, Func<int>)[] { ("normalize", bench.Normalize), ("normalize+match", bench.NormalizeAndMatch), ("normalize+match+evidence", bench.NormalizeAndMatchWithEvidence) })
        {
            using var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            long messages = 0;
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                run();
                messages += Messages;
            }

            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            Console.WriteLine(FormattableString.Invariant(
                $"indicators {name}: {messages:N0} messages, wall {wall.Elapsed.TotalSeconds:F2} s = {messages / wall.Elapsed.TotalSeconds:N0} msg/s; cpu {cpu.TotalSeconds:F2} s = {messages / cpu.TotalSeconds:N0} msg/s per core"));
        }

        return Task.CompletedTask;
    }
}
