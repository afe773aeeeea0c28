using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;
using Amparo.Reporting.Complaint;

namespace Amparo.Reporting.Tests.Complaint;

/// <summary>Chat text and names are written by the suspect: the report must show them, never obey them.</summary>
public sealed class HostileInputTests
{
    private const string Script = "<script>alert('x')</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";

    private static ComplaintReportModel Build(IReadOnlyList<string> texts, string suspectName = "Jay", string lang = "en")
    {
        var conversation = new Conversation
        {
            Id = "hostile",
            Source = SourceApp.Telegram,
            Participants =
            [
                new Participant { Id = "s", DisplayName = suspectName, Identifiers = [new ParticipantIdentifier(IdentifierKinds.Username, Breakout)] },
                new Participant { Id = "c", DisplayName = "Sam", IsExporter = true },
            ],
            Messages = texts.Select((t, i) => new Message { Index = i, AuthorId = i % 2 == 0 ? "s" : "c", Text = t, Time = MessageTime.Local(new DateTime(2025, 1, 1, 12, 0, 0).AddMinutes(i)) }).ToArray(),
        };
        var analysis = new ConversationAnalysis
        {
            ConversationId = "hostile",
            Risk = 0.7,
            Alert = true,
            Level = RiskLevel.High,
            Suspect = "s",
            Indicators = [new IndicatorHit("secrecy", 0, Script)],
        };
        return ComplaintReportBuilder.Build(
            new ComplaintReportInput { Conversation = conversation, Analysis = analysis, Reporter = new ReporterInfo(Breakout), Language = lang },
            TimeProvider.System);
    }

    [Fact]
    public void The_HTML_report_escapes_everything_the_suspect_wrote()
    {
        var html = HtmlReportRenderer.Render(Build([Script, "ok", Breakout], suspectName: Script));
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("onerror=alert(1)>");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldContain("Content-Security-Policy");
        html.ShouldContain("default-src 'none'");
    }

    [Fact]
    public void The_HTML_report_keeps_Spanish_letters_readable()
    {
        var html = HtmlReportRenderer.Render(Build(["¿estás sola? mañana", "sí"], lang: "es"));
        html.ShouldContain("¿estás sola? mañana");
        html.ShouldContain("Qué ocurrió");
        html.ShouldContain("lang=\"es\"");
    }

    [Fact]
    public void The_PDF_survives_huge_words_emoji_control_characters_and_right_to_left_text()
    {
        var texts = new[]
        {
            new string('x', 5000),
            "😀🔥 emoji and \u0007 bell \u200B zero-width",
            "مرحبا שלום",
            string.Join(" ", Enumerable.Repeat("long line of words", 400)),
            "",
        };
        var bytes = PdfReportRenderer.Render(Build(texts));
        bytes.Length.ShouldBeGreaterThan(1000);
        var path = Path.Combine(Path.GetTempPath(), $"amparo-hostile-{Guid.NewGuid():N}.pdf");
        try
        {
            File.WriteAllBytes(path, bytes);
            PdfTools.PageCount(path).ShouldBeGreaterThan(2);
            PdfTools.Text(path).ShouldContain("xxxxxxxxxx");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Long_chats_show_flagged_messages_with_context_and_say_what_was_left_out()
    {
        var texts = Enumerable.Range(0, 1000).Select(i => $"message {i}").ToArray();
        var model = Build(texts);
        model.Timeline.Select(t => t.Index).ShouldBe([0, 1]);
        model.Gaps.ShouldHaveSingleItem().Count.ShouldBe(998);
        HtmlReportRenderer.Render(model).ShouldContain("998 message(s) without findings not shown");
    }
}
