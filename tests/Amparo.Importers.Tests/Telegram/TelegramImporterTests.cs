using Amparo.Core;
using Amparo.Testing;

namespace Amparo.Importers.Tests.Telegram;

public class TelegramImporterTests
{
    [Fact]
    public async Task Imports_the_shared_single_chat_export_with_entity_array_text()
    {
        var result = await AppsTestKit.ImportAsync(RepoPaths.Data("fixtures", "telegram", "single_chat_result.json"));

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.Telegram);
        c.Messages.Count.ShouldBe(2);
        c.Messages[0].Text.ShouldBe("Minimal Message");
        c.Messages[0].Time.ShouldBe(MessageTime.Exact(DateTimeOffset.FromUnixTimeSeconds(1544006350)));
        c.AuthorName(c.Messages[1]).ShouldBe("Author 2");
        c.Messages[1].Text.ShouldBe("Link:https://telegram.org/");
    }

    [Fact]
    public async Task Imports_the_shared_full_account_export_as_one_conversation_per_chat()
    {
        var result = await AppsTestKit.ImportAsync(RepoPaths.Data("fixtures", "telegram", "full_export_result.json"));

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Title.ShouldBe("Chatname");
        c.Messages.Select(m => c.AuthorName(m)).ShouldBe(["Author 1", "Author 2"]);
        c.Messages[1].Time.Value.ToUnixTimeSeconds().ShouldBe(1544006964);
    }

    [Fact]
    public async Task Imports_a_single_chat_with_service_messages_media_and_user_ids()
    {
        string path = AppsTestKit.Fixture("Telegram", "single", "result.json");
        var result = await AppsTestKit.ImportAsync(path);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Id.ShouldBe("telegram:4455667788");
        c.Messages[0].Kind.ShouldBe(MessageKind.System);
        c.Messages[0].Text.ShouldBe("phone call (42 s)");
        c.AuthorName(c.Messages[0]).ShouldBe("Ana");
        c.Messages[2].Text.ShouldBe("Yes, it is here: https://example.org/homework see you");
        c.Messages[3].Kind.ShouldBe(MessageKind.Media);
        c.Messages[3].Attachments.Single().FileName.ShouldBe("photos/photo_1@12-03-2024_18-03-00.jpg");
        c.Messages[4].Attachments.Single().Omitted.ShouldBeTrue();
        c.Messages[4].Attachments.Single().MediaType.ShouldBe("audio/ogg");
        c.Messages[5].Time.Kind.ShouldBe(MessageTimeKind.Local);
        c.AuthorName(c.Messages[5]).ShouldBe("Deleted Account");
        c.FindParticipant("user222")!.Identifiers.ShouldHaveSingleItem().Value.ShouldBe("user222");
        AppsTestKit.MatchesGolden(result, path);
    }

    [Fact]
    public async Task Imports_a_full_account_export_with_left_chats_and_marks_the_exporter()
    {
        string path = AppsTestKit.Fixture("Telegram", "account", "result.json");
        var result = await AppsTestKit.ImportAsync(path);

        result.Conversations.Select(c => c.Title).ShouldBe(["Ben", "Homework club", "Old class"]);
        var club = result.Conversations[1];
        club.Messages[0].Kind.ShouldBe(MessageKind.System);
        club.Messages[0].Text.ShouldBe("create group: Homework club: Ana, Ben");
        result.Conversations[0].FindParticipant("user111")!.IsExporter.ShouldBe(true);
        result.Conversations[0].FindParticipant("user222")!.IsExporter.ShouldBe(false);
        AppsTestKit.MatchesGolden(result, path);
    }
}
