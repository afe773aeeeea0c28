using System.Text;
using Amparo.Core;
using Amparo.Importers.Interchange;

namespace Amparo.Importers.Tests.Interchange;

public class InterchangeImporterTests
{
    private static readonly InterchangeJsonlImporter Jsonl = new();
    private static readonly InterchangeCsvImporter Csv = new();

    [Fact]
    public async Task Reads_jsonl_and_reports_bad_lines_by_number()
    {
        const string text = """
            {"id":"a","messages":[{"author":"ana","time":"2024-05-01T10:00:00+02:00","text":"hola"},{"author":"ben","time":"10:05","text":"hi"}],"extra":{"ignored":true}}
            {"id":"b","messages":[{"author":"ana","time":null,"text":"x"}
            not json at all

            {"id":"c","messages":[]}
            """;

        var result = await TestInput.ReadAsync(Jsonl, TestInput.FromText("chat.jsonl", text));

        result.Conversations.Select(c => c.Id).ShouldBe(["a", "c"]);
        result.Conversations[0].Messages[0].Time.Kind.ShouldBe(MessageTimeKind.Exact);
        result.Conversations[0].Messages[1].Time.ShouldBe(MessageTime.OfDay(new TimeOnly(10, 5)));
        result.Diagnostics.Select(d => d.Line).ShouldBe([2L, 3L]);
        result.Diagnostics.ShouldAllBe(d => d.File == "chat.jsonl" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Sniffs_jsonl_but_not_pretty_printed_or_app_json()
    {
        Jsonl.CanRead("{\"id\":\"a\",\"messages\":[{\"author\":\"x\",\"text\":\"y\"}]}\n"u8, "x.txt").ShouldBeTrue();
        Jsonl.CanRead("{\n  \"name\": \"Chat\",\n  \"messages\": []\n}"u8, "result.json").ShouldBeFalse();
        Jsonl.CanRead("{\"name\":\"Bob\",\"type\":\"personal_chat\",\"id\":1,\"messages\":[{\"id\":1,\"type\":\"message\",\"date\":\"2020-01-01T00:00:00\",\"from\":\"Bob\",\"text\":\"hi\"}]}\n"u8, "result.json").ShouldBeFalse();
        Jsonl.CanRead("{\"guild\":{},\"channel\":{},\"messages\":[{\"author\":{\"name\":\"x\"}}]}\n"u8, "d.json").ShouldBeFalse();
        Jsonl.CanRead("conversation_id,author,time,text\n"u8, "x.csv").ShouldBeFalse();
    }

    [Fact]
    public async Task Reads_csv_with_quoted_multiline_fields_grouping_consecutive_rows()
    {
        const string text = "conversation_id,author,time,text\r\n"
            + "c1,ana,2024-05-01T10:00:00,\"hello, there\"\r\n"
            + "c1,ben,10:01,\"line one\r\nline two with \"\"quotes\"\"\"\r\n"
            + "c1,,,system note\r\n"
            + "c2,ana,bad-time,hi\r\n";

        var result = await TestInput.ReadAsync(Csv, TestInput.FromText("chat.csv", text));

        result.Diagnostics.ShouldBeEmpty();
        result.Conversations.Count.ShouldBe(2);
        var c1 = result.Conversations[0];
        c1.Id.ShouldBe("c1");
        c1.Source.ShouldBe(SourceApp.Csv);
        c1.Messages.Select(m => m.Text).ShouldBe(["hello, there", "line one\r\nline two with \"quotes\"", "system note"]);
        c1.Messages.Select(m => m.Source!.Line).ShouldBe([2L, 3L, 5L]);
        c1.Messages[0].Time.Kind.ShouldBe(MessageTimeKind.Local);
        c1.Messages[2].Kind.ShouldBe(MessageKind.System);
        c1.Participants.Select(p => p.Id).ShouldBe(["ana", "ben"]);
        var c2 = result.Conversations[1];
        c2.Messages[0].Time.Kind.ShouldBe(MessageTimeKind.Unknown);
        c2.Diagnostics.ShouldHaveSingleItem().Line.ShouldBe(6);
    }

    [Fact]
    public async Task Csv_columns_may_come_in_any_order_with_extras()
    {
        const string text = "text,extra,Author,CONVERSATION_ID\nhi,x,ana,c1\n";

        var result = await TestInput.ReadAsync(Csv, TestInput.FromText("chat.csv", text));

        Csv.CanRead(Encoding.UTF8.GetBytes(text), "chat.txt").ShouldBeTrue();
        var m = result.Conversations.ShouldHaveSingleItem().Messages.ShouldHaveSingleItem();
        (m.AuthorId, m.Text, m.Time.IsKnown).ShouldBe(("ana", "hi", false));
    }

    [Fact]
    public async Task Csv_rows_for_an_earlier_conversation_become_a_separate_part_with_a_warning()
    {
        const string text = "conversation_id,author,time,text\nc1,a,,one\nc2,b,,two\nc1,a,,three\nc2,b,,four\nc1,a,,five\n";

        var result = await TestInput.ReadAsync(Csv, TestInput.FromText("chat.csv", text));

        result.Conversations.Select(c => c.Id).ShouldBe(["c1", "c2", "c1 (2)", "c2 (2)", "c1 (3)"]);
        var warning = result.Conversations[2].Diagnostics.ShouldHaveSingleItem();
        warning.Line.ShouldBe(4);
        warning.Message.ShouldContain("sort the file");
    }

    [Fact]
    public async Task Csv_problems_are_diagnostics_not_failures()
    {
        const string text = "conversation_id,author,time,text\nc1,a,,ok\nc1,short\nc1,a,,\"never closed\n and more";

        var result = await TestInput.ReadAsync(Csv, TestInput.FromText("chat.csv", text));

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.Select(m => m.Text).ShouldBe(["ok", "never closed\n and more"]);
        c.Diagnostics.ShouldContain(d => d.Line == 3 && d.Severity == DiagnosticSeverity.Error && d.Message.Contains("2 column(s)"));
        c.Diagnostics.ShouldContain(d => d.Line == 4 && d.Message.Contains("never closed"));
    }

    [Fact]
    public async Task Csv_without_the_header_is_refused_clearly()
    {
        var result = await TestInput.ReadAsync(Csv, TestInput.FromText("chat.csv", "id,who,when,what\n1,a,b,c\n"));

        result.Conversations.ShouldBeEmpty();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        (d.File, d.Line, d.Severity).ShouldBe(("chat.csv", 1L, DiagnosticSeverity.Error));
        d.Message.ShouldContain("conversation_id,author,time,text");
    }
}
