using System.Globalization;
using System.Text.Json;
using Amparo.Core;
using Amparo.Testing;

namespace Amparo.Importers.Tests.WhatsApp;

public class WhatsAppSharedFixtureTests
{
    public static TheoryData<string> Layouts() =>
    [
        "ddmmyy_24h.txt",
        "ios_bracketed_mmddyy_24h.txt",
        "mmddyy_24h.txt",
        "mmddyyyy_12h_spanish_ampm.txt",
        "yyyymmdd_24h.txt",
    ];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_shared_layout_matches_the_reference_parser(string file)
    {
        var result = await AppsTestKit.ImportAsync(RepoPaths.Data("fixtures", "whatsapp", file));

        var conversation = result.Conversations.ShouldHaveSingleItem();
        conversation.Source.ShouldBe(SourceApp.WhatsApp);
        conversation.Messages.Count.ShouldBe(9);
        conversation.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).ShouldBeEmpty();

        // The reference keeps authored messages only, newest first, with a message's lines joined by a space.
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("fixtures", "whatsapp", "expected-messages.json")));
        var want = expected.RootElement.EnumerateArray()
            .Select(e => (Time: e.GetProperty("timestamp").GetString()!, Author: e.GetProperty("author").GetString()!, Text: e.GetProperty("message").GetString()!))
            .OrderBy(e => e.Time, StringComparer.Ordinal)
            .ToList();
        var got = conversation.Messages.Where(m => m.Kind != MessageKind.System)
            .Select(m => (Time: m.Time.ToInterchange()!, Author: conversation.AuthorName(m), Text: m.Text.Replace('\n', ' ')))
            .ToList();
        got.ShouldBe(want);
        conversation.Messages.ShouldAllBe(m => m.Time.Kind == MessageTimeKind.Local);
    }

    [Fact]
    public async Task System_lines_of_the_shared_fixture_have_no_author()
    {
        var result = await AppsTestKit.ImportAsync(RepoPaths.Data("fixtures", "whatsapp", "ddmmyy_24h.txt"));

        var c = result.Conversations.ShouldHaveSingleItem();
        var system = c.Messages.Where(m => m.Kind == MessageKind.System).ToList();
        system.Select(m => m.Text).ShouldBe(["John Doe:.", "+12 345 578 created group \"Groupname\"", "You were added"]);
        system.ShouldAllBe(m => m.AuthorId.Length == 0);
        c.Messages[4].Time.ToInterchange().ShouldBe(new DateTime(2020, 6, 20, 0, 8, 0).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        c.Messages[2].Text.ShouldBe("Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.");
        c.Messages[2].Source!.Line.ShouldBe(3);
    }
}
