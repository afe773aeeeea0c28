using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amparo.Core.Interchange;
using Amparo.Detection;
using Amparo.Detection.Evaluation;
using Amparo.Detection.Model;
using Amparo.Detection.Training;
using Amparo.Importers;
using Amparo.Importers.Pan2012;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo eval</c>: detection figures for a labelled interchange file (<c>"label": 0|1</c>, <c>"suspect"</c>),
/// for the held-out part of the shared data (<c>--held-out --data</c>), or the official PAN-2012 predator
/// identification (<c>--pan12 corpus.xml --predators ground-truth.txt</c>).
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var input = new Option<string?>("--input", "-i") { Description = "Labelled interchange JSONL (\"label\": 0|1, optional \"suspect\"), or - for standard input" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var model = new Option<FileInfo?>("--model") { Description = "A model file other than the shipped one" };
        var heldOut = new Option<bool>("--held-out") { Description = "Evaluate on the held-out offenders of the shared data (needs --data)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "The shared data folder, for --held-out" };
        var writeJsonl = new Option<FileInfo?>("--write-jsonl") { Description = "With --held-out: also write the held-out conversations as labelled interchange JSONL" };
        var pan12 = new Option<FileInfo?>("--pan12") { Description = "A PAN-2012 corpus XML file (streamed)" };
        var predators = new Option<FileInfo?>("--predators") { Description = "With --pan12: the ground-truth predator id file" };
        var outList = new Option<FileInfo?>("--out") { Description = "With --pan12: where to write the predicted predator-id list (default: standard output)" };
        var command = new Command("eval", "Measure detection: precision, recall, F0.5, false alerts, suspect accuracy, alert latency")
        {
            input, json, model, heldOut, data, writeJsonl, pan12, predators, outList,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var engine = ScoreCommand.CreateEngine(parseResult.GetValue(model));
            bool asJson = parseResult.GetValue(json);
            if (parseResult.GetValue(pan12) is { } xml)
            {
                return await Pan12Async(engine, xml, parseResult.GetValue(predators), parseResult.GetValue(outList), asJson, ct);
            }

            if (parseResult.GetValue(heldOut))
            {
                var dir = parseResult.GetValue(data) ?? throw new UsageException("--held-out needs --data <shared data folder>");
                return await HeldOutAsync(engine, dir, parseResult.GetValue(writeJsonl), asJson, ct);
            }

            string path = parseResult.GetValue(input) ?? throw new UsageException("give --input <labelled.jsonl>, --held-out --data <folder>, or --pan12 <corpus.xml>");
            using var reader = ScoreCommand.OpenInput(path);
            var metrics = await EvaluateAsync(engine, reader, path == "-" ? "stdin" : path, Console.Error, ct);
            if (metrics is null)
            {
                return Cli.UnusableInput;
            }

            Console.WriteLine(asJson ? JsonSerializer.Serialize(metrics, Json) : metrics.ToString());
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>Scores a labelled file; null when it held no labelled conversation.</summary>
    internal static async Task<DetectionMetrics?> EvaluateAsync(DetectionEngine engine, TextReader reader, string fileName, TextWriter diagnostics, CancellationToken ct)
    {
        var scored = new List<ScoredConversation>();
        await foreach (var record in InterchangeJsonl.ReadAsync(reader, fileName, cancellationToken: ct))
        {
            if (record.Conversation is not { } c)
            {
                await diagnostics.WriteLineAsync(record.Diagnostic?.ToString() ?? $"Error: {fileName}:{record.Line}: unreadable line");
                continue;
            }

            if (record.Label is not (0 or 1))
            {
                await diagnostics.WriteLineAsync($"Error: {fileName}:{record.Line}: conversation \"{c.Id}\" has no \"label\": 0 or 1; skipped");
                continue;
            }

            var a = engine.Analyze(c);
            scored.Add(new ScoredConversation(record.Label.Value, a.Alert, a.FirstAlert, a.Suspect, record.Suspect));
        }

        if (scored.Count == 0)
        {
            await diagnostics.WriteLineAsync($"{fileName}: no labelled conversation to evaluate");
            return null;
        }

        return DetectionMetrics.Compute(scored);
    }

    private static async Task<int> HeldOutAsync(DetectionEngine engine, DirectoryInfo dir, FileInfo? writeJsonl, bool asJson, CancellationToken ct)
    {
        if (!dir.Exists)
        {
            throw new UsageException($"{dir.FullName}: data folder not found");
        }

        var options = new TrainingOptions();
        var corpus = TrainingCorpus.Load(dir.FullName, options.Seed);
        var test = corpus.Test;
        if (writeJsonl is not null)
        {
            await using var f = File.Create(writeJsonl.FullName);
            await using var w = new StreamWriter(f, new UTF8Encoding(false));
            foreach (var c in test)
            {
                await w.WriteLineAsync(ToInterchange(c).AsMemory(), ct);
            }
        }

        if (asJson)
        {
            var results = HeldOut.Score(engine, test);
            Console.WriteLine(JsonSerializer.Serialize(DetectionMetrics.Compute(results.Select(r => r.Scored)), Json));
        }
        else
        {
            Console.WriteLine(HeldOut.Report(engine.Model, engine.Indicators, corpus.Train, test, options));
        }

        return Cli.Ok;
    }

    /// <summary>A labelled conversation as one interchange line with <c>label</c> and <c>suspect</c>.</summary>
    internal static string ToInterchange(LabelledConversation c)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteNumber("label", c.Label);
            if (c.Suspect is not null)
            {
                w.WriteString("suspect", c.Suspect);
            }

            w.WriteStartArray("messages");
            foreach (var l in c.Lines)
            {
                w.WriteStartObject();
                w.WriteString("author", l.Author);
                w.WriteString("text", l.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The PAN-2012 problem 1 protocol: the predicted predators are the suspects of alerted conversations; the
    /// official measure is F0.5 of that id list against the ground-truth file. The corpus is streamed one
    /// conversation at a time by <see cref="Pan2012Importer"/> (the files are 100+ MB).
    /// </summary>
    private static async Task<int> Pan12Async(DetectionEngine engine, FileInfo xml, FileInfo? truthFile, FileInfo? outFile, bool asJson, CancellationToken ct)
    {
        if (!xml.Exists)
        {
            throw new UsageException($"{xml.FullName}: file not found");
        }

        var predicted = new SortedSet<string>(StringComparer.Ordinal);
        var authors = new HashSet<string>(StringComparer.Ordinal);
        int conversations = 0;
        var importer = new Pan2012Importer();
        var importInput = new ImportInput { FileName = xml.Name, Open = () => File.OpenRead(xml.FullName), Length = xml.Length };
        await foreach (var item in importer.ReadAsync(importInput, ct))
        {
            if (item.Diagnostic is { } d)
            {
                await Console.Error.WriteLineAsync(d.ToString());
            }

            if (item.Conversation is not { } c)
            {
                continue;
            }

            conversations++;
            foreach (var p in c.Participants)
            {
                authors.Add(p.Id);
            }

            if (engine.Analyze(c).Suspect is { } s)
            {
                predicted.Add(s);
            }
        }

        var listText = new StringBuilder();
        foreach (var p in predicted)
        {
            listText.Append(p).Append('\n');
        }

        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile.FullName, listText.ToString(), ct);
        }
        else if (truthFile is null)
        {
            Console.Write(listText.ToString());
        }

        if (truthFile is null)
        {
            return Cli.Ok;
        }

        if (!truthFile.Exists)
        {
            throw new UsageException($"{truthFile.FullName}: file not found");
        }

        var truth = await Pan2012Corpus.ReadPredatorIdsAsync(truthFile.FullName, ct);

        int tp = predicted.Count(truth.Contains);
        double precision = predicted.Count == 0 ? 0 : (double)tp / predicted.Count;
        double recall = truth.Count == 0 ? 0 : (double)tp / truth.Count;
        int present = truth.Count(authors.Contains);
        double recallPresent = present == 0 ? 0 : (double)tp / present;
        var result = new
        {
            conversations,
            predicted = predicted.Count,
            truePositives = tp,
            precision,
            recall,
            f05 = DetectionMetrics.FBeta(precision, recall, 0.5),
            groundTruthPresentInCorpus = present,
            recallOverPresent = recallPresent,
            f05OverPresent = DetectionMetrics.FBeta(precision, recallPresent, 0.5),
        };
        Console.WriteLine(asJson
            ? JsonSerializer.Serialize(result, Json)
            : string.Create(CultureInfo.InvariantCulture,
                $"PAN-2012 predator identification: {conversations} conversations, {predicted.Count} predicted, {tp} correct\nprecision {precision:F3}  recall {recall:F3}  F0.5 {result.f05:F3} (official: recall over all {truth.Count} ground-truth ids)\nover the {present} ground-truth ids present in this corpus: recall {recallPresent:F3}  F0.5 {result.f05OverPresent:F3}"));
        return Cli.Ok;
    }
}
