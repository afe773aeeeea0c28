using Amparo.Detection.Indicators;

namespace Amparo.Detection.Tests.Indicators;

public class IndicatorExampleTests
{
    public static TheoryData<string, string, string, bool, string> Examples()
    {
        var data = new TheoryData<string, string, string, bool, string>();
        foreach (var e in IndicatorExamples.All)
        {
            data.Add(e.Id, e.Language, e.Text, e.Fires, e.Kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_fires_or_stays_quiet_as_written(string id, string language, string text, bool fires, string kind)
    {
        var hits = new List<IndicatorHit>();
        IndicatorCatalog.Default.Match(text, 0, hits);
        var ids = hits.Select(h => h.IndicatorId).ToList();
        if (fires)
        {
            ids.ShouldContain(id, $"[{language}/{kind}] '{text}' should show {id}");
            hits.First(h => h.IndicatorId == id).Evidence.ShouldNotBeNullOrWhiteSpace();
            text.ShouldContain(hits.First(h => h.IndicatorId == id).Evidence, Case.Sensitive, "evidence is quoted from the original");
        }
        else
        {
            ids.ShouldNotContain(id, $"[{language}/{kind}] '{text}' should not show {id}");
        }
    }

    [Fact]
    public void Every_message_level_indicator_has_positive_and_negative_examples_in_both_languages()
    {
        foreach (var d in IndicatorCatalog.Default.Definitions.Where(d => d.Scope == IndicatorScope.Message))
        {
            foreach (string lang in IndicatorCatalog.Languages)
            {
                IndicatorExamples.All.ShouldContain(e => e.Id == d.Id && e.Language == lang && e.Fires, $"{d.Id} lacks a {lang} positive");
                IndicatorExamples.All.ShouldContain(e => e.Id == d.Id && e.Language == lang && !e.Fires, $"{d.Id} lacks a {lang} negative");
            }
        }
    }

    [Fact]
    public void Obfuscated_accentless_and_negated_variants_are_all_covered()
    {
        IndicatorExamples.All.ShouldContain(e => e.Kind == "leet" && e.Fires);
        IndicatorExamples.All.ShouldContain(e => e.Kind == "dotted" && e.Fires);
        IndicatorExamples.All.ShouldContain(e => e.Kind == "no-accents" && e.Fires);
        IndicatorExamples.All.Count(e => e.Kind.StartsWith("negated", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(6);
    }
}
