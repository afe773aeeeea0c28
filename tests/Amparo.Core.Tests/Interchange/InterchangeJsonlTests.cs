using System.Text;
using Amparo.Core;
using Amparo.Core.Interchange;

namespace Amparo.Core.Tests.Interchange;

public class InterchangeJsonlTests
{
    private static async Task<List<InterchangeRecord>> ReadAsync(string text, int maxLineLength = InterchangeJsonl.DefaultMaxLineLength)
    {
        var records = new List<InterchangeRecord>();
        await foreach (var r in InterchangeJsonl.ReadAsync(new StringReader(text), "in.jsonl", maxLineLength))
        {
            records.Add(r);
        }

        return records;
    }

    [Fact]
    public async Task Reads_conversations_ignoring_unknown_fields()
    {
        var records = await ReadAsync("""
            {"id":"a","future":{"x":[1,2]},"messages":[{"author":"ana","time":"10:00","text":"hi","mood":"happy"},{"author":"","text":"joined"}]}
            """);

        var c = records.ShouldHaveSingleItem().Conversation!;
        c.Id.ShouldBe("a");
        c.Source.ShouldBe(SourceApp.Interchange);
        c.Messages.Count.ShouldBe(2);
        c.Messages[1].Kind.ShouldBe(MessageKind.System);
        c.Participants.ShouldHaveSingleItem().Id.ShouldBe("ana");
        c.Messages[0].Source!.Line.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_lines_become_diagnostics_with_their_line_numbers_and_reading_goes_on()
    {
        var records = await ReadAsync(
            "{\"id\":\"a\",\"messages\":[]}\n"
            + "{broken\n"
            + "[1,2]\n"
            + "\n"
            + "{\"id\":\"d\"}\n"
            + "{\"id\":\"e\",\"messages\":[{\"author\":\"x\",\"time\":\"whenever\",\"text\":\"t\"}, 5]}\n");

        records.Select(r => r.Line).ShouldBe([1L, 2L, 3L, 5L, 6L]);
        records[1].Diagnostic!.Message.ShouldContain("not valid JSON");
        records[2].Diagnostic!.Message.ShouldContain("expected a JSON object");
        records[3].Diagnostic!.Message.ShouldContain("no \"messages\" array");
        records.Take(4).Skip(1).ShouldAllBe(r => r.Conversation == null && r.Diagnostic!.File == "in.jsonl");
        var e = records[4].Conversation!;
        e.Messages.ShouldHaveSingleItem().Time.ShouldBe(MessageTime.Unknown);
        e.Diagnostics.Count.ShouldBe(2);
        e.Diagnostics.ShouldAllBe(d => d.Line == 6);
    }

    [Fact]
    public async Task Carries_label_and_suspect_for_evaluation()
    {
        var records = await ReadAsync(
            "{\"id\":\"1\",\"label\":1,\"suspect\":\"bob\",\"messages\":[]}\n"
            + "{\"id\":\"2\",\"label\":false,\"messages\":[]}\n"
            + "{\"id\":\"3\",\"label\":true,\"messages\":[]}\n"
            + "{\"id\":4,\"messages\":[]}\n");

        records.Select(r => r.Label).ShouldBe([1, 0, 1, null]);
        records[0].Suspect.ShouldBe("bob");
        records[3].Suspect.ShouldBeNull();
        records[3].Conversation!.Id.ShouldBe("4");
    }

    [Fact]
    public async Task An_overlong_line_is_reported_not_read()
    {
        var records = await ReadAsync("{\"id\":\"a\",\"messages\":[]}\n{\"id\":\"" + new string('x', 5000) + "\",\"messages\":[]}\n{\"id\":\"c\",\"messages\":[]}", maxLineLength: 1000);

        records.Count.ShouldBe(3);
        records[1].Diagnostic!.Line.ShouldBe(2);
        records[1].Diagnostic!.Message.ShouldContain("longer than");
        records[2].Conversation!.Id.ShouldBe("c");
    }

    [Fact]
    public async Task Writes_what_it_reads()
    {
        var original = new Conversation
        {
            Id = "x\"1",
            Source = SourceApp.WhatsApp,
            Title = "Chat con Ana",
            Participants = [new Participant { Id = "p1", DisplayName = "Ana María" }, new Participant { Id = "p2", DisplayName = "Ben" }],
            Messages =
            [
                new Message { Index = 0, AuthorId = "p1", Time = MessageTime.Local(new DateTime(2024, 3, 1, 20, 15, 0)), Text = "¿Hola?\nsegunda línea 😀" },
                new Message { Index = 1, AuthorId = "p2", Time = MessageTime.Exact(new DateTimeOffset(2024, 3, 1, 20, 16, 0, TimeSpan.FromHours(-3))), Text = "", Kind = MessageKind.Media, Attachments = [new Attachment { FileName = "IMG-1.jpg" }] },
                new Message { Index = 2, AuthorId = "", Text = "Ben left", Kind = MessageKind.System },
                new Message { Index = 3, AuthorId = "p1", Time = MessageTime.OfDay(new TimeOnly(8, 0)), Text = "ok" },
            ],
        };
        using var stream = new MemoryStream();

        await InterchangeJsonl.WriteAsync(stream, original);
        string json = Encoding.UTF8.GetString(stream.ToArray());

        json.ShouldEndWith("\n");
        json.TrimEnd('\n').ShouldNotContain("\n");
        json.ShouldContain("¿Hola?");
        var back = (await ReadAsync(json)).ShouldHaveSingleItem().Conversation!;
        back.Id.ShouldBe(original.Id);
        back.Source.ShouldBe(SourceApp.WhatsApp);
        back.Title.ShouldBe("Chat con Ana");
        back.Messages.Select(m => (back.AuthorName(m), m.Time, m.Text)).ShouldBe(
            original.Messages.Select(m => (m.AuthorId.Length == 0 ? "" : original.AuthorName(m), m.Time, m.Text)));
        back.Messages[2].Kind.ShouldBe(MessageKind.System);
        InterchangeJsonl.ToJson(original).ShouldBe(json.TrimEnd('\n'));
    }
}
