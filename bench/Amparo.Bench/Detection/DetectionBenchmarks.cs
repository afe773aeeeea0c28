using Amparo.Detection;
using Amparo.Detection.Model;
using Amparo.Detection.Streaming;
using BenchmarkDotNet.Attributes;

namespace Amparo.Bench.Detection;

/// <summary>
/// In-process detection speed. Target: the streaming scorer ≥ 1,000,000 messages/s per core.
/// <c>dotnet run -c Release --project bench/Amparo.Bench -- --filter *DetectionBenchmarks*</c>
/// Each benchmark scores <see cref="Messages"/> messages; messages/s = Messages / mean time.
/// </summary>
// 15 measured iterations with the median shown: this VM has noisy neighbours, and a 3-iteration short run swung
// by half its mean between runs.
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class DetectionBenchmarks
{
    public const int Messages = 10_000;

    private DetectionEngine _engine = null!;
    private DetectionEngine _modelOnly = null!;
    private (string Author, string Text)[] _lines = null!;
    private IStreamingDetector _steady = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = DetectionEngine.LoadDefault();
        _modelOnly = new DetectionEngine(GroomingModel.Default, null);
        _lines = ChatGenerator.Lines(Messages, seed: 7);
        _steady = _engine.CreateStreamingDetector();
    }

    /// <summary>Full streaming scorer: model and indicators, 100-message conversations.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public double StreamingScorer()
    {
        double sum = 0;
        ConversationScorer? scorer = null;
        for (int i = 0; i < _lines.Length; i++)
        {
            if (i % 100 == 0)
            {
                scorer = _engine.CreateScorer();
            }

            sum += scorer!.Push(_lines[i].Author, _lines[i].Text).Risk;
        }

        return sum;
    }

    /// <summary>The statistical model alone (features, message models, conversation layer).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public double ModelOnly()
    {
        double sum = 0;
        ConversationScorer? scorer = null;
        for (int i = 0; i < _lines.Length; i++)
        {
            if (i % 100 == 0)
            {
                scorer = _modelOnly.CreateScorer();
            }

            sum += scorer!.Push(_lines[i].Author, _lines[i].Text).Risk;
        }

        return sum;
    }

    /// <summary>
    /// The thread-safe multi-conversation detector as a server runs it: one detector for the process's life, 1,000
    /// conversations in flight that keep growing (dictionary lookup, lock, update record per message).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public double StreamingDetector()
    {
        double sum = 0;
        for (int i = 0; i < _lines.Length; i++)
        {
            sum += _steady.Push(ChatGenerator.ConversationIds[i % ChatGenerator.ConversationIds.Length], _lines[i].Author, _lines[i].Text).Risk;
        }

        return sum;
    }

    /// <summary>The worst case for the detector: every conversation is new, and each gets only 10 messages.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public double StreamingDetectorNewConversations()
    {
        var detector = _engine.CreateStreamingDetector();
        double sum = 0;
        for (int i = 0; i < _lines.Length; i++)
        {
            sum += detector.Push(ChatGenerator.ConversationIds[i % ChatGenerator.ConversationIds.Length], _lines[i].Author, _lines[i].Text).Risk;
        }

        return sum;
    }
}

/// <summary>Generated, mild chat lines (never corpus text) for benchmarks.</summary>
public static class ChatGenerator
{
    private static readonly string[] Words =
    [
        "hi", "hey", "lol", "ok", "what", "are", "you", "doing", "today", "school", "was", "boring", "my", "mom", "is",
        "at", "work", "the", "build", "failed", "again", "try", "sudo", "apt", "update", "did", "see", "game", "cool",
        "haha", "yes", "no", "maybe", "tomorrow", "weekend", "music", "song", "phone", "home", "dog", "cat", "pizza",
        "homework", "teacher", "friend", "movie", "new", "kernel", "driver", "works", "thanks", "qué", "haces", "hola",
        "bien", "y", "tú", "mañana", "colegio", "😀", "❤️",
    ];

    private static readonly string[] Phrases =
    [
        "how old are you", "are you alone", "dont tell your mom", "you are so mature", "send me a pic", "lets meet saturday",
        "cuantos años tienes", "no le digas a nadie",
    ];

    public static readonly string[] ConversationIds = Enumerable.Range(0, 1000).Select(i => "conv-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static (string Author, string Text)[] Lines(int count, int seed)
    {
        var rng = new Random(seed);
        var lines = new (string, string)[count];
        for (int i = 0; i < count; i++)
        {
            string text;
            if (rng.Next(20) == 0)
            {
                text = Phrases[rng.Next(Phrases.Length)];
            }
            else
            {
                int n = 1 + rng.Next(9);
                var parts = new string[n];
                for (int j = 0; j < n; j++)
                {
                    parts[j] = Words[rng.Next(Words.Length)];
                }

                text = string.Join(' ', parts);
            }

            lines[i] = (rng.Next(2) == 0 ? "alex" : "sam", text);
        }

        return lines;
    }
}
