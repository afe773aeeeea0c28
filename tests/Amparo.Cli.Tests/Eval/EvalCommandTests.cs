using System.Text;
using System.Text.Json;
using Amparo.Cli.Commands;
using Amparo.Detection;
using Amparo.Detection.Evaluation;
using Amparo.Detection.Scoring;

namespace Amparo.Cli.Tests.Eval;

public class EvalCommandTests
{
    private static readonly string Input = Amparo.Testing.RepoPaths.InRepo("tests", "Amparo.Cli.Tests", "Eval", "eval-input.jsonl");

    [Fact]
    public async Task Evaluates_a_labelled_file_and_skips_unlabelled_lines_with_a_diagnostic()
    {
        using var reader = new StreamReader(Input, Encoding.UTF8);
        using var diagnostics = new StringWriter();
        var m = await EvalCommand.EvaluateAsync(DetectionEngine.LoadDefault(), reader, "eval-input.jsonl", diagnostics, CancellationToken.None);
        m.ShouldNotBeNull();
        (m.Positives, m.Negatives).ShouldBe((2, 2));
        m.FalsePositives.ShouldBe(0);
        m.TruePositives.ShouldBeGreaterThanOrEqualTo(1, "the threat alerts whatever the model says");
        m.SuspectAccuracy.ShouldBe(1.0);
        diagnostics.ToString().ShouldContain("eval-input.jsonl:5");
    }

    [Fact]
    public async Task The_figures_agree_with_the_score_output_for_the_same_file()
    {
        using var reader = new StreamReader(Input, Encoding.UTF8);
        using var output = new MemoryStream();
        await ScoreJsonl.ScoreAsync(DetectionEngine.LoadDefault(), reader, "eval-input.jsonl", output, TextWriter.Null, CancellationToken.None);
        var scores = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("id").GetString()!);
        var labels = new Dictionary<string, int> { ["g1"] = 1, ["g2"] = 1, ["t1"] = 0, ["t2"] = 0 };
        var expected = DetectionMetrics.Compute(labels.Select(kv => new ScoredConversation(
            kv.Value,
            scores[kv.Key].GetProperty("alert").GetBoolean(),
            scores[kv.Key].GetProperty("firstAlert").ValueKind == JsonValueKind.Number ? scores[kv.Key].GetProperty("firstAlert").GetInt32() : null,
            scores[kv.Key].GetProperty("suspect").GetString(),
            kv.Key == "g1" ? "sam" : kv.Key == "g2" ? "max" : null)));
        using var reader2 = new StreamReader(Input, Encoding.UTF8);
        var actual = await EvalCommand.EvaluateAsync(DetectionEngine.LoadDefault(), reader2, "eval-input.jsonl", TextWriter.Null, CancellationToken.None);
        actual.ShouldBe(expected);
    }

    [Fact]
    public async Task The_json_output_has_the_documented_fields()
    {
        var root = new System.CommandLine.RootCommand();
        root.Subcommands.Add(EvalCommand.Create());
        var original = Console.Out;
        using var capture = new StringWriter();
        int rc;
        lock (ConsoleLock.Gate)
        {
            Console.SetOut(capture);
            try
            {
                rc = root.Parse(["eval", "--input", Input, "--json"]).Invoke();
            }
            finally
            {
                Console.SetOut(original);
            }
        }

        rc.ShouldBe(0);
        using var doc = JsonDocument.Parse(capture.ToString());
        foreach (var field in new[] { "precision", "recall", "f1", "f05", "falseAlertsPer1000", "suspectAccuracy", "medianAlertMessage", "fLatency", "speed" })
        {
            doc.RootElement.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
    }

    [Fact]
    public void Held_out_interchange_lines_carry_label_and_suspect()
    {
        var c = new Amparo.Detection.Training.LabelledConversation("x", "g", Amparo.Detection.Training.CorpusSource.Other, 1, "sam",
            [new("sam", "hi"), new("kid", "hello")]);
        var record = Amparo.Core.Interchange.InterchangeJsonl.ParseLine(EvalCommand.ToInterchange(c), "f", 1);
        record.Label.ShouldBe(1);
        record.Suspect.ShouldBe("sam");
        record.Conversation!.Messages.Count.ShouldBe(2);
    }
}

internal static class ConsoleLock
{
    public static readonly object Gate = new();
}
