using Amparo.Importers.Tests.Zip;

namespace Amparo.Importers.Tests.Discord;

public class DiscordHostileInputTests
{
    [Fact]
    public async Task A_truncated_export_gives_an_error_naming_the_file()
    {
        var whole = File.ReadAllBytes(AppsTestKit.Fixture("Discord", "channel.json"));

        var result = await AppsTestKit.ImportBytesAsync(whole[..(whole.Length / 2)], "channel.json");

        result.IsUnusable.ShouldBeTrue();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.File.ShouldBe("channel.json");
        d.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task A_bad_timestamp_keeps_the_message_without_a_time()
    {
        var bytes = ZipTestKit.Utf8("{\"guild\": {}, \"channel\": {\"id\": \"1\"}, \"messages\": [{\"type\": \"Default\", \"timestamp\": \"yesterday\", \"content\": \"hi\", \"author\": {\"id\": \"9\", \"name\": \"x\"}}]}");

        var result = await AppsTestKit.ImportBytesAsync(bytes, "c.json");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.Single().Time.IsKnown.ShouldBeFalse();
        c.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("yesterday");
    }
}
