using Amparo.Core;
using Amparo.Importers.Tests.Zip;

namespace Amparo.Importers.Tests.Meta;

public class MetaHostileInputTests
{
    [Fact]
    public async Task A_truncated_part_of_a_thread_is_reported_and_the_other_parts_still_import()
    {
        string thread = AppsTestKit.Fixture("Meta", "export", "inbox", "anaben_123");
        var second = File.ReadAllBytes(Path.Combine(thread, "message_2.json"));
        using var dir = new ZipTestKit.TempDir();
        dir.Write("inbox/t/message_1.json", File.ReadAllBytes(Path.Combine(thread, "message_1.json")));
        dir.Write("inbox/t/message_2.json", second[..(second.Length / 2)]);

        var result = await AppsTestKit.ImportAsync(dir.Path);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.Count.ShouldBe(4);
        c.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.File.EndsWith("message_2.json", StringComparison.Ordinal) && d.Message.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_truncated_single_file_gives_an_error_naming_it()
    {
        var whole = File.ReadAllBytes(Path.Combine(AppsTestKit.Fixture("Meta", "export", "inbox", "anaben_123"), "message_1.json"));

        var result = await AppsTestKit.ImportBytesAsync(whole[..300], "message_1.json");

        result.IsUnusable.ShouldBeTrue();
        result.Diagnostics.ShouldContain(d => d.File == "message_1.json");
    }
}
