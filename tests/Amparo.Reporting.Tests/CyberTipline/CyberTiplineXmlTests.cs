using System.Xml.Linq;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;
using Amparo.Reporting.Complaint;
using Amparo.Reporting.CyberTipline;
using Amparo.Reporting.Tests.Complaint;

namespace Amparo.Reporting.Tests.CyberTipline;

public sealed class CyberTiplineXmlTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task The_report_for_a_sample_case_validates_against_the_CyberTipline_schema(string lang)
    {
        var xml = CyberTiplineReportWriter.Report(await Samples.ModelAsync(lang));
        Xsd.Errors(xml).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_report_says_enticement_carries_the_chat_the_account_and_the_sextortion_flag()
    {
        var root = CyberTiplineReportWriter.Report(await Samples.ModelAsync("en")).Root!;
        root.Element("incidentSummary")!.Element("incidentType")!.Value.ShouldBe("Online Enticement of Children for Sexual Acts");
        root.Element("incidentSummary")!.Element("reportAnnotations")!.Element("sextortion")!.Value.ShouldBe("true");
        root.Element("incidentSummary")!.Element("incidentDateTime")!.Value.ShouldBe("2025-02-04T21:33:00");
        root.Element("incidentSummary")!.Element("escalateToHighPriority").ShouldNotBeNull();
        var chat = root.Element("internetDetails")!.Element("chatImIncident")!;
        chat.Element("chatClient")!.Value.ShouldBe("WhatsApp");
        chat.Element("content")!.Value.ShouldContain("Jay: send me another one or i will share the one you sent");
        var reported = root.Element("personOrUserReported")!;
        reported.Element("screenName")!.Value.ShouldBe("jay_eastside_sample (Snapchat)");
        reported.Element("profileUrl")!.Value.ShouldBe("https://example.org/u/jay_eastside_sample");
        reported.Element("displayName")!.Value.ShouldBe("Jay");
        reported.Element("personOrUserReportedPerson")!.Element("phone")!.Value.ShouldBe("+1 555 0142");
        root.Element("reporter")!.Element("reportingPerson")!.Element("email")!.Value.ShouldBe("alex.smith@example.org");
    }

    [Fact]
    public void Without_sextortion_there_is_no_annotation_and_the_XML_still_validates()
    {
        var conversation = new Conversation
        {
            Id = "c",
            Source = SourceApp.Discord,
            Participants = [new Participant { Id = "a", DisplayName = "A<&>\"" }, new Participant { Id = "b", DisplayName = "B" }],
            Messages =
            [
                new Message { Index = 0, AuthorId = "a", Text = "are you home alone? <b>&amp;</b>", Time = MessageTime.OfDay(new TimeOnly(21, 0)) },
                new Message { Index = 1, AuthorId = "b", Text = "yes \u0001", Time = MessageTime.OfDay(new TimeOnly(21, 1)) },
            ],
        };
        var analysis = new ConversationAnalysis { ConversationId = "c", Risk = 0.4, Alert = false, Level = RiskLevel.Medium, Suspect = "a", Indicators = [new IndicatorHit("alone-check", 0, "home alone")] };
        var model = ComplaintReportBuilder.Build(new ComplaintReportInput { Conversation = conversation, Analysis = analysis, Reporter = new ReporterInfo("Solo") }, Samples.Clock);
        // The control character cannot appear in XML 1.0: the writer must replace it rather than fail.
        var xml = CyberTiplineReportWriter.Report(model);
        xml.ToString().ShouldContain("yes \uFFFD");
        Xsd.Errors(xml).ShouldBeEmpty();
        xml.Root!.Element("incidentSummary")!.Element("reportAnnotations").ShouldBeNull();
        xml.Root!.Element("incidentSummary")!.Element("incidentDateTimeDescription")!.Value.ShouldContain("no dates");
    }

    [Fact]
    public async Task File_details_carry_both_hashes_and_validate()
    {
        var model = await Samples.ModelAsync("en");
        var files = CyberTiplineReportWriter.Files(model);
        files.Count.ShouldBe(2);
        var details = CyberTiplineReportWriter.FileDetails(123456, "f-1", files[0]);
        Xsd.Errors(details).ShouldBeEmpty();
        var hashes = details.Root!.Elements("originalFileHash").ToDictionary(e => e.Attribute("hashType")!.Value, e => e.Value);
        hashes["SHA256"].ShouldBe(files[0].Sha256);
        hashes["MD5"].ShouldBe(files[0].Md5);
    }

    [Fact]
    public void A_hand_broken_report_fails_validation_so_the_check_can_fail()
    {
        Xsd.Errors("<report><incidentSummary><incidentType>Something else</incidentType></incidentSummary></report>").ShouldNotBeEmpty();
    }
}
