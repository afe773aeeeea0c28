using System.Text.Json;
using Amparo.Testing;

namespace Amparo.Cli.Tests;

/// <summary>The bundled samples through <c>analyze</c> and <c>convert</c>, as the README's first command runs them.</summary>
public class SampleTests
{
    private static string English => RepoPaths.InRepo("samples", "whatsapp-en.txt");

    private static string Spanish => RepoPaths.InRepo("samples", "whatsapp-es.txt");

    [Fact]
    public async Task Analyzes_the_english_whatsapp_sample()
    {
        var (code, output, error) = await CliRunner.RunAsync("analyze", English);

        code.ShouldBe(0, error);
        output.ShouldContain("Conversation 1: ");
        output.ShouldContain("Source: WhatsApp (file whatsapp-en.txt)");
        output.ShouldContain("Participants (2)");
        output.ShouldContain("(local time, the export gives no time zone)");
        output.ShouldContain("1 conversation(s)");
    }

    [Fact]
    public async Task Analyzes_both_samples_at_once_in_spanish_as_json()
    {
        var (code, output, error) = await CliRunner.RunAsync("analyze", "--json", "--lang", "es", English, Spanish);

        code.ShouldBe(0, error);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("language").GetString().ShouldBe("es");
        var conversations = doc.RootElement.GetProperty("conversations");
        conversations.GetArrayLength().ShouldBe(2);
        foreach (var c in conversations.EnumerateArray())
        {
            c.GetProperty("source").GetString().ShouldBe("whatsapp");
            var overview = c.GetProperty("overview");
            overview.GetProperty("messages").GetProperty("total").GetInt32().ShouldBeGreaterThan(5);
            overview.GetProperty("dates").GetProperty("kind").GetString().ShouldBe("local");
            overview.GetProperty("participants").GetArrayLength().ShouldBe(2);
            c.GetProperty("importNotes").ValueKind.ShouldBe(JsonValueKind.Array);
        }
    }

    [Fact]
    public async Task The_spanish_report_of_the_spanish_sample_is_in_spanish()
    {
        var (code, output, _) = await CliRunner.RunAsync("analyze", "--lang", "es", Spanish);

        code.ShouldBe(0);
        output.ShouldContain("Conversación 1: ");
        output.ShouldContain("Origen: WhatsApp (archivo whatsapp-es.txt)");
        output.ShouldContain("hora local, la exportación no indica la zona horaria");
        output.ShouldContain("1 conversación(es)");
    }

    [Fact]
    public async Task Converts_the_sample_to_jsonl()
    {
        var (code, output, error) = await CliRunner.RunAsync("convert", English, "--to", "jsonl");

        code.ShouldBe(0, error);
        string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        using var doc = JsonDocument.Parse(line);
        doc.RootElement.GetProperty("source").GetString().ShouldBe("whatsapp");
        doc.RootElement.GetProperty("messages").GetArrayLength().ShouldBeGreaterThan(5);
    }
}
