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
        "hey how was school today?",
        "lol yeah the game was sooo good",
        "what are you doing this weekend",
        "my mom says i have to do homework first",
        "did you see the new video they posted",
        "ok brb dinner time 😂",
        "are you home alone right now?",
        "send me a pic pleeease",
        "d0nt t3ll ur mom about us ok",
        "i can get you robux if you want",
        "hola q tal, como te fue hoy?",
        "jaja sí mañana nos vemos en clase",
        "mándame una fotito 😘",
        "no le digas a nadie, es nuestro secreto",
        "tengo que estudiar para el examen",
        "the wifi at my house is so slow today",
        "wyd? asl?",
        "i think the teacher is going to be mad",
        "we should meet up at the mall sometime",
        "that movie was kinda boring tbh",
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
}
