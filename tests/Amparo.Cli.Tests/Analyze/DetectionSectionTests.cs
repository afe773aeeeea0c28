using System.Text.Json;
using Amparo.Cli.Analyze;

namespace Amparo.Cli.Tests.Analyze;

public sealed class DetectionSectionTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"amparo-analyze-{Guid.NewGuid():N}.jsonl");

    public DetectionSectionTests()
    {
        var lines = File.ReadAllLines(Amparo.Testing.RepoPaths.InRepo("tests", "Amparo.Cli.Tests", "Score", "score-input.jsonl"));
        File.WriteAllLines(_file, [lines[0], lines[1], lines[3]]);
    }

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Shows_risk_stages_timeline_and_each_tactic_with_its_message_in_english()
    {
        var (code, output, error) = await CliRunner.RunAsync("analyze", _file);
        code.ShouldBe(0, error);
        output.ShouldContain("Grooming detection: risk");
        output.ShouldContain("Stages: friendship (messages 1–");
        output.ShouldContain("Risk message by message: ▁");
        output.ShouldContain("Pressure to keep secrets — message 8, sam: “dont tell anyone we talk ok this is our secret” (words: “dont tell anyone”)");
        output.ShouldContain("level critical: threat or sextortion, act now");
        output.ShouldContain("Early warning: would have alerted at message 2 of 3");
        output.ShouldContain("Whose messages read like an adult groomer's: max (for a person to confirm)");
        output.ShouldContain("not an accusation");
    }

    [Fact]
    public async Task Shows_the_detection_in_spanish()
    {
        var (code, output, _) = await CliRunner.RunAsync("analyze", "--lang", "es", _file);
        code.ShouldBe(0);
        output.ShouldContain("Detección de grooming: riesgo");
        output.ShouldContain("Presión para guardar secretos — mensaje 4, leo: «no le digas a tus papás que hablamos, es nuestro secreto»");
        output.ShouldContain("Etapas: amistad");
        output.ShouldContain("nivel medio");
        output.ShouldNotContain("Grooming detection");
    }

    [Fact]
    public async Task Writes_the_detection_into_the_json_document()
    {
        var (code, output, _) = await CliRunner.RunAsync("analyze", "--json", _file);
        code.ShouldBe(0);
        using var doc = JsonDocument.Parse(output);
        var detections = new List<JsonElement>();
        foreach (var c in doc.RootElement.GetProperty("conversations").EnumerateArray())
        {
            detections.Add(c.GetProperty("detection").Clone());
        }

        detections.Count.ShouldBe(3);
        detections[0].GetProperty("timeline").GetArrayLength().ShouldBe(14);
        detections[1].GetProperty("level").GetString().ShouldBe("critical");
        detections[1].GetProperty("suspect").GetString().ShouldBe("max");
        detections[1].GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldContain("sextortion");
    }

    [Fact]
    public void The_sparkline_is_bounded_and_scales_from_low_to_high()
    {
        DetectionSection.Sparkline([0, 0.5, 1]).ShouldBe("▁▅█");
        DetectionSection.Sparkline(Enumerable.Repeat(0.0, 1000).Append(1.0).ToList()).Length.ShouldBe(DetectionSection.TimelineWidth);
        DetectionSection.Sparkline(Enumerable.Repeat(0.0, 1000).Append(1.0).ToList())[^1].ShouldBe('█');
        DetectionSection.Sparkline([]).ShouldBe("");
    }
}
