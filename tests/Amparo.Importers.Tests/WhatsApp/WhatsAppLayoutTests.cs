using Amparo.Core;

namespace Amparo.Importers.Tests.WhatsApp;

public class WhatsAppLayoutTests
{
    public static TheoryData<string> Fixtures() =>
    [
        "android_24h_en.txt",
        "ios_12h_en.txt",
        "android_12h_es.txt",
        "ios_12h_es.txt",
        "ambiguous_dates.txt",
        "late_evidence_dates.txt",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Each_layout_imports_as_its_golden_file(string file)
    {
        string path = AppsTestKit.Fixture("WhatsApp", file);
        var result = await AppsTestKit.ImportAsync(path);

        result.Conversations.ShouldHaveSingleItem().Source.ShouldBe(SourceApp.WhatsApp);
        AppsTestKit.MatchesGolden(result, path);
    }

    [Fact]
    public async Task Imports_an_Android_export_with_multiline_media_deleted_system_and_tilde_authors()
    {
        var c = (await AppsTestKit.ImportAsync(AppsTestKit.Fixture("WhatsApp", "android_24h_en.txt"))).Conversations.Single();

        c.Messages.Count.ShouldBe(10);
        c.Messages[0].Kind.ShouldBe(MessageKind.System);
        c.Messages[1].Text.ShouldBe("Ana created group \"Homework club\"");
        c.Messages[1].AuthorId.ShouldBe("");
        c.Messages[3].Text.ShouldBe("Not yet.\nI will do it after dinner.\nPromise!");
        c.Messages[3].Time.ToInterchange().ShouldBe("2024-03-12T18:04:00");
        c.Messages[4].Kind.ShouldBe(MessageKind.Media);
        c.Messages[4].Attachments.ShouldHaveSingleItem().Omitted.ShouldBeTrue();
        c.Messages[5].Kind.ShouldBe(MessageKind.Media);
        c.Messages[5].Attachments.ShouldHaveSingleItem().FileName.ShouldBe("IMG-20240312-WA0003.jpg");
        c.Messages[5].Text.ShouldBe("IMG-20240312-WA0003.jpg (file attached)\nthe sheet");
        c.Messages[6].Kind.ShouldBe(MessageKind.Deleted);
        c.AuthorName(c.Messages[6]).ShouldBe("Sam");
        c.Messages[6].AuthorId.ShouldStartWith("~");
        var phone = c.FindParticipant(c.Messages[7].AuthorId).ShouldNotBeNull();
        phone.DisplayName.ShouldBe("+34 600 111 222");
        phone.Identifiers.ShouldHaveSingleItem().Kind.ShouldBe(IdentifierKinds.Phone);
        c.Messages[7].Text.ShouldBe("hello from a number: not saved");
        c.Messages[8].Text.ShouldBe("Good morning: time for school");
        c.Messages[9].Kind.ShouldBe(MessageKind.System);
        c.Participants.Select(p => p.DisplayName).ShouldBe(["Ana", "Ben", "Sam", "+34 600 111 222"]);
    }

    [Fact]
    public async Task Imports_an_iOS_12_hour_export_with_narrow_spaces_and_direction_marks()
    {
        var c = (await AppsTestKit.ImportAsync(AppsTestKit.Fixture("WhatsApp", "ios_12h_en.txt"))).Conversations.Single();

        c.Messages[0].Kind.ShouldBe(MessageKind.System);
        c.Messages[0].AuthorId.ShouldBe("");
        c.Messages[1].Time.ToInterchange().ShouldBe("2024-03-12T18:03:10");
        c.Messages[2].Text.ShouldBe("Not yet.\nI will do it after dinner.");
        c.Messages[3].Kind.ShouldBe(MessageKind.Media);
        c.Messages[3].Attachments.Single().Omitted.ShouldBeTrue();
        c.Messages[4].Attachments.Single().FileName.ShouldBe("00000012-PHOTO-2024-03-12-18-06-02.jpg");
        c.Messages[4].Attachments.Single().Omitted.ShouldBeFalse();
        c.Messages[5].Kind.ShouldBe(MessageKind.Deleted);
        c.Messages[6].Time.ToInterchange().ShouldBe("2024-03-13T00:15:00");
        c.Participants.Select(p => p.DisplayName).ShouldBe(["Ana", "Ben", "Sam"]);
    }

    [Fact]
    public async Task Imports_Spanish_exports_with_a_m_and_p_m_and_Spanish_markers()
    {
        var android = (await AppsTestKit.ImportAsync(AppsTestKit.Fixture("WhatsApp", "android_12h_es.txt"))).Conversations.Single();
        android.Messages[1].Time.ToInterchange().ShouldBe("2024-03-12T18:03:00");
        android.Messages[3].Kind.ShouldBe(MessageKind.Media);
        android.Messages[4].Attachments.Single().FileName.ShouldBe("IMG-20240312-WA0003.jpg");
        android.Messages[5].Kind.ShouldBe(MessageKind.Deleted);
        android.AuthorName(android.Messages[5]).ShouldBe("Sofía");
        android.Messages[6].Time.ToInterchange().ShouldBe("2024-03-13T07:30:00");
        android.Messages[7].Time.ToInterchange().ShouldBe("2024-03-13T12:10:00");
        android.Messages[7].Kind.ShouldBe(MessageKind.System);

        var ios = (await AppsTestKit.ImportAsync(AppsTestKit.Fixture("WhatsApp", "ios_12h_es.txt"))).Conversations.Single();
        ios.Messages.Select(m => m.Kind).ShouldBe([MessageKind.Text, MessageKind.Media, MessageKind.Media, MessageKind.Deleted, MessageKind.Text]);
        ios.Messages[2].Attachments.Single().FileName.ShouldBe("00000012-PHOTO-2024-03-12-18-06-02.jpg");
        ios.Messages[4].Text.ShouldBe("Una línea\notra línea");
        ios.Messages[0].Time.ToInterchange().ShouldBe("2024-03-12T18:03:10");
    }

    [Fact]
    public async Task Day_and_month_order_is_decided_over_the_whole_file_not_per_line()
    {
        // Only the last line shows the day comes first (13/03); the first three must be read the same way.
        var late = (await AppsTestKit.ImportAsync(AppsTestKit.Fixture("WhatsApp", "late_evidence_dates.txt"))).Conversations.Single();
        late.Messages.Select(m => m.Time.ToInterchange()).ShouldBe(
            ["2024-03-04T10:00:00", "2024-03-05T10:00:00", "2024-03-06T10:00:00", "2024-03-13T10:00:00"]);

        // No field above 12 anywhere: the order under which time runs forward wins, and the guess is reported.
        var ambiguous = (await AppsTestKit.ImportAsync(AppsTestKit.Fixture("WhatsApp", "ambiguous_dates.txt"))).Conversations.Single();
        ambiguous.Messages.Select(m => m.Time.ToInterchange()).ShouldBe(
            ["2024-02-01T10:00:00", "2024-02-05T10:00:00", "2024-02-10T10:00:00", "2024-03-03T10:00:00"]);
        ambiguous.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Info && d.Message.Contains("day or the month", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_streaming_API_reports_participants_as_it_goes()
    {
        string path = AppsTestKit.Fixture("WhatsApp", "android_24h_en.txt");
        var parser = new Amparo.Importers.WhatsApp.WhatsAppParser(new ImportInput { FileName = "chat.txt", Open = () => File.OpenRead(path) });
        var seen = new List<int>();
        int count = 0;
        await foreach (var m in parser.ReadMessagesAsync())
        {
            count++;
            seen.Add(parser.Participants.Count);
        }

        count.ShouldBe(10);
        seen[0].ShouldBe(0);
        seen[^1].ShouldBe(4);
        parser.DateOrder.ShouldBe(Amparo.Importers.WhatsApp.WhatsAppDateOrder.DayFirst);
    }
}
