using System.Text;
using System.Text.Json;
using Amparo.Cli.Commands;
using Amparo.Detection;
using Amparo.Detection.Scoring;

namespace Amparo.Cli.Tests.Score;

public class ScoreCommandTests
{
    private static readonly string Input = Amparo.Testing.RepoPaths.InRepo("tests", "Amparo.Cli.Tests", "Score", "score-input.jsonl");
    private static readonly string Expected = Amparo.Testing.RepoPaths.InRepo("tests", "Amparo.Cli.Tests", "Score", "score-expected.jsonl");

    private static async Task<(string Output, string Diagnostics, ScoreSummary Summary)> ScoreAsync(string inputPath)
    {
        using var reader = new StreamReader(inputPath, Encoding.UTF8);
        using var output = new MemoryStream();
        using var diagnostics = new StringWriter();
        var summary = await ScoreJsonl.ScoreAsync(DetectionEngine.LoadDefault(), reader, Path.GetFileName(inputPath), output, diagnostics, CancellationToken.None);
        return (Encoding.UTF8.GetString(output.ToArray()), diagnostics.ToString(), summary);
    }

    [Fact]
    public async Task Score_output_matches_the_golden_file()
    {
        var (output, _, _) = await ScoreAsync(Input);
        if (Environment.GetEnvironmentVariable("AMPARO_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(Expected, output);
        }

        output.ShouldBe(await File.ReadAllTextAsync(Expected), "regenerate with AMPARO_UPDATE_GOLDEN=1 after retraining the model, and review the diff");
    }

    [Fact]
    public async Task Every_line_has_exactly_the_public_fields_with_valid_values()
    {
        var (output, _, summary) = await ScoreAsync(Input);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(5);
        summary.Scored.ShouldBe(5);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            root.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "risk", "alert", "level", "suspect", "firstAlert", "indicators"]);
            root.GetProperty("risk").GetDouble().ShouldBeInRange(0, 1);
            new[] { "none", "low", "medium", "high", "critical" }.ShouldContain(root.GetProperty("level").GetString());
            bool alert = root.GetProperty("alert").GetBoolean();
            (root.GetProperty("firstAlert").ValueKind == JsonValueKind.Number).ShouldBe(alert);
            (root.GetProperty("suspect").ValueKind == JsonValueKind.String).ShouldBe(alert);
            foreach (var hit in root.GetProperty("indicators").EnumerateArray())
            {
                hit.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "message", "evidence"]);
                hit.GetProperty("evidence").GetString().ShouldNotBeNullOrEmpty();
            }
        }
    }

    [Fact]
    public async Task A_threat_is_critical_at_its_message_and_names_its_author()
    {
        var (output, _, _) = await ScoreAsync(Input);
        var threat = output.Split('\n').Single(l => l.StartsWith("{\"id\":\"threat\"", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(threat);
        doc.RootElement.GetProperty("level").GetString().ShouldBe("critical");
        doc.RootElement.GetProperty("firstAlert").GetInt32().ShouldBe(1);
        doc.RootElement.GetProperty("suspect").GetString().ShouldBe("max");
    }

    [Fact]
    public async Task Bad_lines_are_reported_with_file_and_line_and_the_rest_is_scored()
    {
        var (_, diagnostics, summary) = await ScoreAsync(Input);
        diagnostics.ShouldContain("score-input.jsonl:5");
        diagnostics.ShouldContain("score-input.jsonl:7");
        summary.Bad.ShouldBe(2);
    }

    [Fact]
    public async Task The_command_reads_stdin_style_paths_and_fails_cleanly_on_a_missing_file()
    {
        string outPath = Path.Combine(Path.GetTempPath(), $"amparo-score-{Guid.NewGuid():N}.jsonl");
        try
        {
            var root = new System.CommandLine.RootCommand();
            root.Subcommands.Add(ScoreCommand.Create());
            int rc = await root.Parse(["score", "--input", Input, "--output", outPath]).InvokeAsync();
            rc.ShouldBe(0);
            (await File.ReadAllTextAsync(outPath)).ShouldBe(await File.ReadAllTextAsync(Expected));
            await Should.ThrowAsync<UsageException>(() => root.Parse(["score", "--input", "/nonexistent/x.jsonl"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        }
        finally
        {
            File.Delete(outPath);
        }
    }
}
