using Amparo.Detection;
using Amparo.Detection.Indicators;
using Amparo.Reporting.Guidance;
using Amparo.Reporting.Prevention;

namespace Amparo.Reporting.Tests.Guidance;

public sealed class GuidanceCatalogTests
{
    private static readonly string[] KnownIndicatorIds =
    [
        "personal-info", "alone-check", "trust-flattery", "secrecy", "cop-check", "isolation", "platform-move", "sexual-talk",
        "desensitisation", "image-request", "gifts", "meeting", "threat", "sextortion", "age-deception",
        "child-disclosure-address", "child-disclosure-school", "child-disclosure-phone", "child-sent-image",
    ];

    private static List<string> Ids(IEnumerable<GuidanceStep> steps) => steps.Select(s => s.Id).ToList();

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void Every_step_has_a_title_and_text_in_each_language(string language)
    {
        GuidanceCatalog.StepIds.Count.ShouldBeGreaterThan(10);
        foreach (var id in GuidanceCatalog.StepIds)
        {
            var step = GuidanceCatalog.Step(id, language).ShouldNotBeNull();
            step.Title.ShouldNotBeNullOrWhiteSpace();
            step.Text.Length.ShouldBeGreaterThan(40, $"step {id} in {language} is too short to help anyone");
        }
    }

    [Fact]
    public void Spanish_and_English_texts_differ_so_nothing_was_left_untranslated()
    {
        foreach (var id in GuidanceCatalog.StepIds)
        {
            GuidanceCatalog.Step(id, "es")!.Text.ShouldNotBe(GuidanceCatalog.Step(id, "en")!.Text, id);
        }
    }

    [Fact]
    public void Every_indicator_id_detection_promises_belongs_to_a_family()
    {
        foreach (var id in KnownIndicatorIds)
        {
            GuidanceCatalog.FamilyOf(id).ShouldNotBeNull(id);
        }
    }

    [Fact]
    public void Sextortion_puts_danger_and_not_paying_before_reporting_and_offers_take_it_down()
    {
        var ids = Ids(GuidanceCatalog.For(RiskLevel.Critical, ["sextortion", "child-sent-image"], "en"));
        ids.ShouldContain("do-not-pay");
        ids.ShouldContain("do-not-delete");
        ids.ShouldContain("never-share-images");
        ids.ShouldContain("take-it-down");
        ids.ShouldContain("report-authorities");
        ids.IndexOf("danger-now").ShouldBeLessThan(ids.IndexOf("do-not-pay"));
        ids.IndexOf("do-not-pay").ShouldBeLessThan(ids.IndexOf("report-authorities"));
        ids.IndexOf("do-not-delete").ShouldBeLessThan(ids.IndexOf("block-and-report-platform"), "preserve first, then block");
        ids.Distinct().Count().ShouldBe(ids.Count);
    }

    [Fact]
    public void A_low_level_without_findings_does_not_alarm()
    {
        var ids = Ids(GuidanceCatalog.For(RiskLevel.Low, [], "en"));
        ids.ShouldNotContain("danger-now");
        ids.ShouldNotContain("do-not-pay");
        ids.ShouldContain("keep-talking");
    }

    [Fact]
    public void A_proposed_meeting_asks_to_stop_it_even_at_medium_level()
    {
        var ids = Ids(GuidanceCatalog.For(RiskLevel.Medium, ["meeting"], "es"));
        ids[0].ShouldBe("danger-now");
        ids.ShouldContain("meeting-stop");
    }

    [Fact]
    public void A_threat_found_under_a_low_model_score_still_gets_the_urgent_steps()
    {
        var ids = Ids(GuidanceCatalog.For(RiskLevel.Low, ["sextortion"], "en"));
        ids.ShouldContain("danger-now");
        ids.ShouldContain("do-not-pay");
        ids.ShouldNotContain("watch-and-save");
    }

    [Fact]
    public void Unknown_indicator_ids_are_ignored()
    {
        Ids(GuidanceCatalog.For(RiskLevel.None, ["no-such-tactic"], "en"))
            .ShouldBe(Ids(GuidanceCatalog.For(RiskLevel.None, [], "en")));
    }

    [Fact]
    public void The_analysis_overload_uses_level_and_hits()
    {
        var analysis = new ConversationAnalysis
        {
            ConversationId = "c",
            Risk = 0.9,
            Alert = true,
            Level = RiskLevel.High,
            Indicators = [new IndicatorHit("image-request", 3, "send a pic")],
        };
        var steps = GuidanceCatalog.For(analysis, "es");
        Ids(steps).ShouldContain("never-share-images");
        steps.First(s => s.Id == "never-share-images").Title.ShouldContain("Nunca");
    }

    [Fact]
    public void Spanish_steps_speak_Spanish_with_accents()
    {
        var text = string.Join(" ", GuidanceCatalog.For(RiskLevel.Critical, ["sextortion"], "es-CO").Select(s => s.Title + " " + s.Text));
        text.ShouldContain("No pagues");
        text.ShouldContain("Cuéntaselo");
    }

    [Fact]
    public void Steps_that_point_to_the_checklist_point_to_one_that_exists()
    {
        foreach (var id in GuidanceCatalog.StepIds)
        {
            if (GuidanceCatalog.Step(id, "en")!.SeeAlso is { } seeAlso)
            {
                seeAlso.ShouldBe("checklist");
                PreventionChecklist.For("en").Sections.ShouldNotBeEmpty();
            }
        }

        GuidanceCatalog.Step("take-it-down", "en")!.Links.ShouldContain("https://takeitdown.ncmec.org");
    }
}
