using Amparo.Core;
using Amparo.Importers.Meta;
using Amparo.Testing;

namespace Amparo.Importers.Tests.Meta;

public class MetaImporterTests
{
    [Fact]
    public async Task Imports_the_shared_Instagram_thread_oldest_first_with_exact_times()
    {
        var result = await AppsTestKit.ImportAsync(RepoPaths.Data("fixtures", "instagram", "message_1.json"));

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.Instagram);
        c.Messages.Select(m => m.Text).ShouldBe(["Hello John!", "Hello Jane!"]);
        c.Messages[0].Time.ShouldBe(MessageTime.Exact(DateTimeOffset.FromUnixTimeMilliseconds(1577186580000)));
        c.Messages.Select(m => m.Index).ShouldBe([0, 1]);
    }

    [Fact]
    public async Task Merges_a_Messenger_thread_split_over_several_files_and_repairs_mojibake()
    {
        string folder = AppsTestKit.Fixture("Meta", "export");
        var result = await AppsTestKit.ImportAsync(folder);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.Messenger);
        c.Title.ShouldBe("Ana Muñoz");
        c.Messages.Count.ShouldBe(7);
        c.Messages.Select(m => m.Time.Value).ShouldBeInOrder();
        c.Messages[0].Kind.ShouldBe(MessageKind.System);
        c.Messages[2].Text.ShouldBe("¿Qué tal el examen?");
        c.Messages[3].Kind.ShouldBe(MessageKind.Deleted);
        c.Messages[4].Text.ShouldBe("café written by hand");
        c.Messages[5].Kind.ShouldBe(MessageKind.Media);
        c.Messages[5].Attachments.Single().FileName.ShouldBe("messages/inbox/anaben_123/photos/123456.jpg");
        c.Messages[6].Text.ShouldBe("Nos vemos mañana 😀");
        c.Participants.Select(p => p.DisplayName).ShouldBe(["Ana Muñoz", "Ben"]);
        AppsTestKit.MatchesGolden(result, AppsTestKit.Fixture("Meta", "messenger-thread"));
    }

    [Fact]
    public async Task A_later_part_of_a_thread_defers_to_the_first_part_which_merges_them_all()
    {
        var result = await AppsTestKit.ImportAsync(AppsTestKit.Fixture("Meta", "export", "inbox", "anaben_123", "message_2.json"));

        // message_2.json defers to message_1.json, the lowest part, which is not the file asked for: nothing is read twice.
        result.Conversations.ShouldBeEmpty();
        result.Diagnostics.ShouldHaveSingleItem().Severity.ShouldBe(DiagnosticSeverity.Info);
        var whole = await AppsTestKit.ImportAsync(AppsTestKit.Fixture("Meta", "export", "inbox", "anaben_123", "message_1.json"));
        whole.Conversations.ShouldHaveSingleItem().Messages.Count.ShouldBe(7);
    }

    [Theory]
    [InlineData("Hola, \u00c2\u00bfc\u00c3\u00b3mo est\u00c3\u00a1s?", "Hola, ¿cómo estás?")]
    [InlineData("\u00f0\u009f\u0098\u0080", "😀")]
    [InlineData("caf\u00e9", "café")]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("mixed \u00c3\u00b1 and \u0152", "mixed \u00c3\u00b1 and \u0152")]
    public void Mojibake_is_repaired_only_when_every_character_fits_in_a_byte_and_the_bytes_are_UTF8(string input, string expected) =>
        MetaImporter.RepairMojibake(input).ShouldBe(expected);
}
