using System.Text.Json;
using Amparo.Testing;

namespace Amparo.Cli.Tests;

public class AnalyzeCommandTests
{
    private static string Sms(string name) => RepoPaths.Data("fixtures", "sms-backup-restore", name);

    private static string Pan => RepoPaths.Data("pan12", "pan12-training-sample.xml");

    [Fact]
    public async Task Prints_a_readable_report_per_conversation_in_english()
    {
        var (code, output, error) = await CliRunner.RunAsync("analyze", Sms("sms_small.xml"));

        code.ShouldBe(0, error);
        output.ShouldContain("Conversation 1: +15550000001");
        output.ShouldContain("Source: SMS Backup & Restore (file sms_small.xml)");
        output.ShouldContain("Participants (2): Me — exported the chat; Contact A (+15550000001)");
        output.ShouldContain("Messages: 4 (4 text, 0 media, 0 system, 0 deleted)");
        output.ShouldContain("Dates: 2017-12-02 14:49 +00:00 – 2017-12-02 17:39 +00:00");
        output.ShouldContain("Import notes: none");
        output.ShouldContain("3 conversation(s), 12 message(s) from 1 input(s).");
    }

    [Fact]
    public async Task Prints_the_report_in_spanish()
    {
        var (code, output, _) = await CliRunner.RunAsync("analyze", "--lang", "es", Pan);

        code.ShouldBe(0);
        output.ShouldContain("Conversación 1: e621da5de598c9321a1d505ea95e6a2d");
        output.ShouldContain("Origen: PAN-2012 (archivo pan12-training-sample.xml)");
        output.ShouldContain("Participantes (2)");
        output.ShouldContain("solo horas del día, sin fechas");
        output.ShouldContain("Notas de la importación: ninguna");
        output.ShouldContain("44 conversación(es), 999 mensaje(s) de 1 entrada(s).");
        output.ShouldNotContain("Conversation ");
        output.ShouldNotContain("Messages:");
    }

    [Fact]
    public async Task Accepts_several_paths_and_lists_notes_about_each()
    {
        var (code, output, _) = await CliRunner.RunAsync("analyze", Sms("sms_small.xml"), Sms("sms_and_mms.xml"), Sms("corrupt_attachments.xml"));

        code.ShouldBe(0);
        output.ShouldContain("file sms_small.xml");
        output.ShouldContain("file corrupt_attachments.xml");
        output.ShouldContain("warning: corrupt_attachments.xml:7: the attachment \"corrupt_image.png\"");
        output.ShouldContain("Notes about the inputs:");
        output.ShouldContain("error: sms_and_mms.xml:136: the file ends in the middle of the XML (it looks truncated)");
    }

    [Fact]
    public async Task Writes_a_stable_json_document()
    {
        var (code, output, _) = await CliRunner.RunAsync("analyze", "--json", Sms("sms_small.xml"), Sms("sms_and_mms.xml"));

        code.ShouldBe(0);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.GetProperty("schema").GetString().ShouldBe("amparo.analyze/1");
        root.GetProperty("language").GetString().ShouldBe("en");
        root.GetProperty("inputs").GetArrayLength().ShouldBe(2);
        var conversations = root.GetProperty("conversations");
        conversations.GetArrayLength().ShouldBe(3 + 7);
        var first = conversations[0];
        first.GetProperty("id").GetString().ShouldBe("+15550000001");
        first.GetProperty("source").GetString().ShouldBe("sms");
        first.GetProperty("title").GetString().ShouldBe("Contact A");
        first.GetProperty("file").GetString().ShouldBe("sms_small.xml");
        var overview = first.GetProperty("overview");
        overview.GetProperty("messages").GetProperty("total").GetInt32().ShouldBe(4);
        overview.GetProperty("messages").GetProperty("text").GetInt32().ShouldBe(4);
        overview.GetProperty("dates").GetProperty("kind").GetString().ShouldBe("exact");
        overview.GetProperty("dates").GetProperty("first").GetString().ShouldBe("2017-12-02T14:49:27+00:00");
        var me = overview.GetProperty("participants")[0];
        me.GetProperty("id").GetString().ShouldBe("me");
        me.GetProperty("exporter").GetBoolean().ShouldBeTrue();
        me.GetProperty("messages").GetInt32().ShouldBe(1);
        first.GetProperty("importNotes").GetArrayLength().ShouldBe(0);
        var note = root.GetProperty("inputNotes").EnumerateArray().ShouldHaveSingleItem();
        note.GetProperty("severity").GetString().ShouldBe("error");
        note.GetProperty("file").GetString().ShouldBe("sms_and_mms.xml");
        note.GetProperty("line").GetInt64().ShouldBe(136);
        var summary = root.GetProperty("summary");
        summary.GetProperty("conversations").GetInt32().ShouldBe(10);
        summary.GetProperty("messages").GetInt32().ShouldBe(12 + 49);
        summary.GetProperty("inputErrors").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_missing_file_exits_with_2_and_names_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "amparo-no-such-export.txt");

        var (code, output, error) = await CliRunner.RunAsync("analyze", Sms("sms_small.xml"), missing);

        code.ShouldBe(2);
        error.ShouldContain(missing);
        error.ShouldContain("no such file or folder");
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unusable_file_exits_with_2_naming_the_file_and_line()
    {
        string dir = Directory.CreateTempSubdirectory("amparo-cli-").FullName;
        string file = Path.Combine(dir, "broken.xml");
        await File.WriteAllTextAsync(file, "<?xml version=\"1.0\"?>\n<conversations>\n<conversation id=\"1\">\n<message line=\"1\"><author>a</au");
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("analyze", "--lang", "es", file);

            code.ShouldBe(2);
            error.ShouldContain("broken.xml:4");
            error.ShouldContain("no se pudo usar la entrada");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_language_is_a_usage_error()
    {
        var (code, _, _) = await CliRunner.RunAsync("analyze", "--lang", "fr", Pan);

        code.ShouldNotBe(0);
    }
}
