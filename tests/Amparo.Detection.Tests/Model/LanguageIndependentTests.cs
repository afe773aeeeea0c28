using Amparo.Detection.Model;
using Amparo.Detection.Normalization;

namespace Amparo.Detection.Tests.Model;

public class LanguageIndependentTests
{
    [Theory]
    [InlineData("are you home alone right now", -1)]
    [InlineData("lol what are u doing", -1)]
    [InlineData("¿estás sola en tu casa?", 1)]
    [InlineData("que haces, mañana hay colegio", 1)]
    [InlineData("ok", 0)]
    [InlineData("😀😀", 0)]
    [InlineData("", 0)]
    public void Tells_a_Spanish_line_from_an_English_one_and_says_nothing_without_cues(string line, int expected) =>
        LanguageCues.Classify(line).ShouldBe(expected);

    [Fact]
    public void The_shipped_model_has_a_language_independent_layer_that_survives_save_and_load()
    {
        var model = GroomingModel.Default;
        model.HasLanguageIndependentLayer.ShouldBeTrue("amparo train writes it; without it Spanish chats would rely on indicators alone");
        using var ms = new MemoryStream();
        model.Save(ms);
        var reloaded = GroomingModel.Load(new MemoryStream(ms.ToArray()));
        reloaded.HasLanguageIndependentLayer.ShouldBeTrue();
    }

    [Fact]
    public void A_Spanish_conversation_is_scored_by_the_language_independent_layer_and_an_English_one_is_not()
    {
        var engine = DetectionEngine.LoadDefault();
        var spanish = engine.CreateScorer();
        foreach (var (line, i) in TestChats.SchoolEs.Select((l, i) => (l, i)))
        {
            spanish.Push(i % 2 == 0 ? "ana" : "bea", line);
        }

        var english = engine.CreateScorer();
        foreach (var (line, i) in TestChats.Technical.Select((l, i) => (l, i)))
        {
            english.Push(i % 2 == 0 ? "ana" : "bo", line);
        }

        spanish.State.LanguageIndependent.ShouldBeTrue();
        english.State.LanguageIndependent.ShouldBeFalse();
    }

    [Fact]
    public void A_Spanish_grooming_pattern_scores_well_above_an_everyday_Spanish_chat_and_names_the_adult()
    {
        var engine = DetectionEngine.LoadDefault();
        var grooming = engine.Analyze(TestChats.Alternating("g", TestChats.GroomingEs, "sam", "kid"));
        var school = engine.Analyze(TestChats.Alternating("s", TestChats.SchoolEs, "ana", "bea"));
        school.Alert.ShouldBeFalse($"school: risk {school.Risk}, level {school.Level}, hits {string.Join(",", school.Indicators.Select(h => h.IndicatorId))}; grooming: risk {grooming.Risk}, level {grooming.Level}, hits {string.Join(",", grooming.Indicators.Select(h => h.IndicatorId))}");
        school.Level.ShouldBeOneOf([RiskLevel.None, RiskLevel.Low], $"school: risk {school.Risk}, hits {string.Join(",", school.Indicators.Select(h => h.IndicatorId + ":" + h.Evidence))}");
        grooming.Risk.ShouldBeGreaterThan(school.Risk + 0.3);
        grooming.Level.ShouldBeOneOf(RiskLevel.Medium, RiskLevel.High, RiskLevel.Critical);
        grooming.LikelySuspect.ShouldBe("sam");
    }
}
