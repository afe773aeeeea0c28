using Amparo.Core;

namespace Amparo.Importers.Tests.Discord;

public class DiscordImporterTests
{
    [Fact]
    public async Task Imports_a_DiscordChatExporter_channel_with_offsets_attachments_and_system_messages()
    {
        string path = AppsTestKit.Fixture("Discord", "channel.json");
        var result = await AppsTestKit.ImportAsync(path);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.Discord);
        c.Id.ShouldBe("discord:900000000000000002");
        c.Title.ShouldBe("Study Group / #general");
        c.Messages.Select(m => m.Kind).ShouldBe([MessageKind.System, MessageKind.Text, MessageKind.Media, MessageKind.System]);
        c.Messages[1].Time.Kind.ShouldBe(MessageTimeKind.Exact);
        c.Messages[1].Time.Value.Offset.ShouldBe(TimeSpan.FromHours(1));
        c.Messages[1].Text.ShouldBe("Who has the notes for Friday?");
        c.AuthorName(c.Messages[1]).ShouldBe("Ana");
        var ben = c.FindParticipant("800000000000000002").ShouldNotBeNull();
        ben.Identifiers.ShouldContain(new ParticipantIdentifier(IdentifierKinds.Username, "ben.k#4242"));
        var attachment = c.Messages[2].Attachments.ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("notes.pdf");
        attachment.Size.ShouldBe(12345);
        c.Messages.ShouldAllBe(m => !m.Text.Contains("ignored embed"));
        AppsTestKit.MatchesGolden(result, path);
    }
}
