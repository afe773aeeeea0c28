using Amparo.Core;
using Amparo.Importers.Tests.Zip;

namespace Amparo.Importers.Tests.Telegram;

public class TelegramHostileInputTests
{
    [Fact]
    public async Task A_truncated_export_gives_an_error_naming_the_file_and_line()
    {
        var whole = File.ReadAllBytes(AppsTestKit.Fixture("Telegram", "single", "result.json"));
        using var dir = new ZipTestKit.TempDir();
        string path = dir.Write("result.json", whole[..(whole.Length * 2 / 3)]);

        var result = await AppsTestKit.ImportAsync(path);

        result.IsUnusable.ShouldBeTrue();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.File.ShouldBe("result.json");
        d.Line.ShouldNotBeNull();
        d.Message.ShouldContain("truncated");
    }

    [Fact]
    public async Task Garbage_inside_the_JSON_gives_an_error_not_a_crash()
    {
        var bytes = ZipTestKit.Utf8("{\"messages\": [{\"type\": \"message\", \"date_unixtime\": \"17\", \"from_id\": \"user1\", \"text\": }]}");

        var result = await AppsTestKit.ImportBytesAsync(bytes, "result.json");

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_skipped_or_kept_without_a_time()
    {
        var bytes = ZipTestKit.Utf8("{\"messages\": [42, {\"type\": \"message\", \"date_unixtime\": [1], \"from_id\": 7, \"from\": \"A\", \"text\": {\"x\": 1}}]}");

        var result = await AppsTestKit.ImportBytesAsync(bytes, "result.json");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.ShouldHaveSingleItem().Time.IsKnown.ShouldBeFalse();
        c.Messages[0].AuthorId.ShouldBe("user7");
        c.Diagnostics.Count.ShouldBe(2);
    }
}
