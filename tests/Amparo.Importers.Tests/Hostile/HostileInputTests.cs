using System.Diagnostics;
using System.Text;
using Amparo.Core;
using Amparo.Importers.Interchange;
using Amparo.Importers.Pan2012;
using Amparo.Importers.Sms;

namespace Amparo.Importers.Tests.Hostile;

/// <summary>
/// Broken and hostile inputs for the SMS, PAN-2012 and interchange importers: each gives a clear error or a
/// partial import with diagnostics naming the file and line; never a crash, a hang or unbounded memory.
/// </summary>
public class HostileInputTests
{
    private static readonly ChatImporter All = KnownImporters.CreateDefault();

    public static TheoryData<string> MyImporters => ["sms", "pan2012", "jsonl", "csv"];

    private static IChatImporter Named(string format) => All.Importers.Single(i => i.Format == format);

    private const string PanConversation =
        "<conversation id=\"c{0}\">\n<message line=\"1\">\n<author>aaaa</author>\n<time>10:00</time>\n<text>hello there &amp; welcome</text>\n</message>\n"
        + "<message line=\"2\">\n<author>bbbb</author>\n<time>10:01</time>\n<text>thanks, how was school?</text>\n</message>\n</conversation>\n";

    [Theory]
    [MemberData(nameof(MyImporters))]
    public async Task An_empty_file_gives_a_diagnostic_not_a_crash(string format)
    {
        var result = await TestInput.ReadAsync(Named(format), TestInput.FromBytes("empty.dat", []));

        result.Conversations.ShouldBeEmpty();
        result.Diagnostics.ShouldNotBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.File == "empty.dat");
    }

    [Fact]
    public async Task An_empty_file_is_refused_by_detection_with_a_clear_message()
    {
        var items = await All.ReadAsync(TestInput.FromBytes("empty.txt", [])).ToListAsync();

        items.ShouldHaveSingleItem().Diagnostic!.Message.ShouldContain("empty");
    }

    [Theory]
    [MemberData(nameof(MyImporters))]
    public async Task Binary_garbage_gives_a_diagnostic_not_a_crash(string format)
    {
        var garbage = new byte[300_000];
        new Random(42).NextBytes(garbage);

        var result = await TestInput.ReadAsync(Named(format), TestInput.FromBytes("garbage.bin", garbage));

        result.AllDiagnostics().ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.File == "garbage.bin");
        Named(format).CanRead(garbage, "garbage.bin").ShouldBeFalse();
    }

    [Fact]
    public async Task Binary_garbage_is_not_recognised_by_detection()
    {
        var garbage = new byte[100_000];
        new Random(1).NextBytes(garbage);

        var items = await All.ReadAsync(TestInput.FromBytes("garbage.bin", garbage)).ToListAsync();

        items.ShouldHaveSingleItem().Diagnostic!.Message.ShouldContain("not a chat export");
    }

    [Theory]
    [InlineData(Pan2012Engine.Scanner)]
    [InlineData(Pan2012Engine.XmlReader)]
    public async Task Garbage_after_valid_pan_conversations_keeps_them_and_names_the_line(Pan2012Engine engine)
    {
        var bytes = Encoding.UTF8.GetBytes("<conversations>\n" + string.Format(null, PanConversation, 1)).Concat(new byte[] { 0, 1, 2, 0xFF, 0xFE, 0x3C }).ToArray();

        var result = await TestInput.ReadAsync(new Pan2012Importer(engine), TestInput.FromBytes("mixed.xml", bytes));

        result.Conversations.Count.ShouldBe(1);
        var d = result.Diagnostics.ShouldHaveSingleItem();
        (d.File, d.Line, d.Severity).ShouldBe(("mixed.xml", 14L, DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task Truncated_jsonl_keeps_the_complete_lines_and_names_the_cut_one()
    {
        const string text = "{\"id\":\"a\",\"messages\":[{\"author\":\"x\",\"text\":\"hi\"}]}\n{\"id\":\"b\",\"messages\":[{\"author\":\"y\",\"te";

        var items = await All.ReadAsync(TestInput.FromText("cut.jsonl", text)).ToListAsync();

        items.Count(i => i.Conversation is not null).ShouldBe(1);
        var d = items.Select(i => i.Diagnostic).OfType<ImportDiagnostic>().ShouldHaveSingleItem();
        (d.File, d.Line).ShouldBe(("cut.jsonl", 2L));
        d.Message.ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData("pan")]
    [InlineData("sms")]
    public async Task Truncated_xml_keeps_what_was_read_and_names_the_line(string kind)
    {
        string text = kind == "pan"
            ? "<?xml version=\"1.0\"?>\n<conversations>\n" + string.Format(null, PanConversation, 1) + string.Format(null, PanConversation, 2)[..60]
            : "<?xml version='1.0' encoding='UTF-8'?>\n<smses>\n<sms address=\"1\" date=\"1700000000000\" type=\"1\" body=\"hi\" />\n<sms address=\"1\" date=\"1700000001000\" type=\"2\" bo";

        var items = await All.ReadAsync(TestInput.FromText("cut.xml", text)).ToListAsync();

        items.Count(i => i.Conversation is not null).ShouldBe(1);
        var d = items.Select(i => i.Diagnostic).OfType<ImportDiagnostic>().ShouldHaveSingleItem();
        d.File.ShouldBe("cut.xml");
        d.Line.ShouldBe(kind == "pan" ? 17 : 4);
        d.Message.ShouldContain("truncated");
    }

    public static TheoryData<string, string> Dtds => new()
    {
        { "external entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE {0} [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<{0}>&xxe;</{0}>" },
        { "external DTD", "<?xml version=\"1.0\"?>\n<!DOCTYPE {0} SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<{0}/>" },
        { "billion laughs", "<?xml version=\"1.0\"?>\n<!DOCTYPE {0} [\n<!ENTITY lol \"lol\">\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">\n")) + "]>\n<{0}>&lol9;</{0}>" },
    };

    [Theory]
    [MemberData(nameof(Dtds))]
    public async Task A_dtd_is_refused_and_never_resolved_by_every_xml_importer(string name, string template)
    {
        foreach (var (importer, root) in new (IChatImporter, string)[]
        {
            (new Pan2012Importer(Pan2012Engine.Scanner), "conversations"),
            (new Pan2012Importer(Pan2012Engine.XmlReader), "conversations"),
            (new SmsBackupImporter(), "smses"),
        })
        {
            string xml = template.Replace("{0}", root, StringComparison.Ordinal);
            importer.CanRead(Encoding.UTF8.GetBytes(xml), "x.xml").ShouldBeTrue(name);
            var sw = Stopwatch.StartNew();

            var result = await TestInput.ReadAsync(importer, TestInput.FromText("evil.xml", xml));

            sw.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            result.Conversations.ShouldBeEmpty();
            var d = result.Diagnostics.ShouldHaveSingleItem($"{name} via {importer.Format}");
            d.Line.ShouldBe(2, $"{name} via {importer.Format}: {d}");
            d.Severity.ShouldBe(DiagnosticSeverity.Error);
            d.File.ShouldBe("evil.xml");
            d.Line.ShouldBe(2);
            d.Message.ShouldContain("refuses DTDs");
        }
    }

    [Fact]
    public async Task Xml_in_utf16_with_a_bom_is_read()
    {
        string xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<conversations>\n" + string.Format(null, PanConversation, 1) + "</conversations>\n";
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)];

        All.Detect(bytes, "x.xml")!.Format.ShouldBe("pan2012");
        var result = await TestInput.ReadAsync(new Pan2012Importer(), TestInput.FromBytes("utf16.xml", bytes));

        result.Diagnostics.ShouldBeEmpty();
        result.Conversations.ShouldHaveSingleItem().Messages[0].Text.ShouldBe("hello there & welcome");
    }

    [Fact]
    public async Task Jsonl_and_csv_in_utf16_with_a_bom_are_read()
    {
        byte[] Utf16(string s) => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(s)];
        var jsonl = Utf16("{\"id\":\"a\",\"messages\":[{\"author\":\"ñu\",\"text\":\"¿sí?\"}]}\n");
        var csv = Utf16("conversation_id,author,time,text\na,ñu,,¿sí?\n");

        All.Detect(jsonl, "a.txt")!.Format.ShouldBe("jsonl");
        All.Detect(csv, "a.txt")!.Format.ShouldBe("csv");
        (await TestInput.ReadAsync(Named("jsonl"), TestInput.FromBytes("a.jsonl", jsonl))).Conversations.ShouldHaveSingleItem().Messages[0].Text.ShouldBe("¿sí?");
        (await TestInput.ReadAsync(Named("csv"), TestInput.FromBytes("a.csv", csv))).Conversations.ShouldHaveSingleItem().Messages[0].Text.ShouldBe("¿sí?");
    }

    [Fact]
    public async Task Latin1_bytes_where_utf8_is_expected_are_reported_with_the_line_not_silently_replaced()
    {
        var latin1 = Encoding.Latin1;
        var jsonl = latin1.GetBytes("{\"id\":\"a\",\"messages\":[{\"author\":\"x\",\"text\":\"ok\"}]}\n{\"id\":\"b\",\"messages\":[{\"author\":\"x\",\"text\":\"año\"}]}\n");
        var csv = latin1.GetBytes("conversation_id,author,time,text\na,x,,ok\nb,x,,año\n");
        var pan = latin1.GetBytes("<conversations>\n" + string.Format(null, PanConversation, 1) + "<conversation id=\"2\"><message line=\"1\"><author>x</author><time>10:00</time><text>año</text></message></conversation>\n</conversations>");

        foreach (var (importer, bytes, line) in new (IChatImporter, byte[], long)[]
        {
            (Named("jsonl"), jsonl, 2),
            (Named("csv"), csv, 3),
            (new Pan2012Importer(Pan2012Engine.Scanner), pan, 14),
            (new Pan2012Importer(Pan2012Engine.XmlReader), pan, 14),
        })
        {
            var result = await TestInput.ReadAsync(importer, TestInput.FromBytes("latin1.txt", bytes));

            result.Conversations.Count.ShouldBe(1, importer.Format);
            result.Conversations.SelectMany(c => c.Messages).ShouldAllBe(m => !m.Text.Contains('\uFFFD'));
            var d = result.Diagnostics.ShouldHaveSingleItem(importer.Format);
            (d.File, d.Line, d.Severity).ShouldBe(("latin1.txt", line, DiagnosticSeverity.Error), importer.Format);
        }
    }

    [Fact]
    public async Task An_sms_backup_declared_as_latin1_is_decoded_as_such()
    {
        var bytes = Encoding.Latin1.GetBytes("<?xml version='1.0' encoding='ISO-8859-1'?>\n<smses><sms address=\"1\" date=\"1700000000000\" type=\"1\" body=\"año\" /></smses>");

        var result = await TestInput.ReadAsync(new SmsBackupImporter(), TestInput.FromBytes("latin1.xml", bytes));

        result.Diagnostics.ShouldBeEmpty();
        result.Conversations.ShouldHaveSingleItem().Messages[0].Text.ShouldBe("año");
    }

    [Fact]
    public async Task An_overlong_jsonl_line_without_newline_is_capped_and_reported()
    {
        // 300 MB of one line with no line break: the reader keeps at most MaxLineLength characters of it.
        var stream = new GeneratedStream("{\"id\":\"x\",\"messages\":[{\"author\":\"a\",\"text\":\"", _ => Block('a'), 300L << 20, "");
        var input = new ImportInput { FileName = "long.jsonl", Open = () => stream, Options = new ImportOptions { MaxLineLength = 1 << 20 } };

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var result = await TestInput.ReadAsync(new InterchangeJsonlImporter(), input);

        result.Conversations.ShouldBeEmpty();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        (d.File, d.Line).ShouldBe(("long.jsonl", 1L));
        d.Message.ShouldContain("longer than");
        (GC.GetTotalMemory(forceFullCollection: true) - before).ShouldBeLessThan(64L << 20);
    }

    [Fact]
    public async Task An_overlong_csv_field_is_cut_and_reported()
    {
        var stream = new GeneratedStream("conversation_id,author,time,text\nc,a,,\"", _ => Block('b'), 100L << 20, "\"\n");
        var input = new ImportInput { FileName = "long.csv", Open = () => stream, Options = new ImportOptions { MaxLineLength = 1 << 20 } };

        var result = await TestInput.ReadAsync(new InterchangeCsvImporter(), input);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages[0].Text.Length.ShouldBe(1 << 20);
        c.Diagnostics.ShouldContain(d => d.Line == 2 && d.Message.Contains("longer than"));
    }

    [Theory]
    [InlineData(Pan2012Engine.Scanner)]
    [InlineData(Pan2012Engine.XmlReader)]
    public async Task An_overlong_pan_text_is_capped_with_bounded_memory(Pan2012Engine engine)
    {
        var stream = new GeneratedStream("<conversations><conversation id=\"1\"><message line=\"1\"><author>a</author><text>", _ => Block('c'), 200L << 20, "</text></message></conversation></conversations>");
        var input = new ImportInput { FileName = "long.xml", Open = () => stream, Options = new ImportOptions { MaxLineLength = 1 << 20 } };

        long before = GC.GetTotalMemory(forceFullCollection: true);
        var result = await TestInput.ReadAsync(new Pan2012Importer(engine), input);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages[0].Text.Length.ShouldBe(1 << 20);
        c.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("longer than"));
        (GC.GetTotalMemory(forceFullCollection: true) - before).ShouldBeLessThan(64L << 20);
    }

    [Fact]
    public async Task A_several_gigabyte_pan_file_streams_with_bounded_memory()
    {
        // 2.2 GB, past 2^31 bytes, produced on the fly; conversations are counted and dropped as they come.
        const long size = 2_200L << 20;
        GeneratedStream? stream = null;

        // Auto sniffs the encoding first, so the input is opened twice: each open starts a fresh stream.
        var input = new ImportInput
        {
            FileName = "huge.xml",
            Open = () => stream = new GeneratedStream("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<conversations>\n",
                n => Encoding.UTF8.GetBytes(string.Format(null, PanConversation, n)), size, "</conversations>\n"),
        };
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long conversations = 0;
        long messages = 0;
        var diagnostics = new List<ImportDiagnostic>();

        await foreach (var item in new Pan2012Importer(Pan2012Engine.Auto).ReadAsync(input))
        {
            if (item.Conversation is { } c)
            {
                conversations++;
                messages += c.Messages.Count;
                if (conversations % 200_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                }
            }
            else
            {
                diagnostics.Add(item.Diagnostic!);
            }
        }

        diagnostics.ShouldBeEmpty();
        stream!.Position.ShouldBeGreaterThan(size);
        conversations.ShouldBe(stream.BodyRepetitions);
        messages.ShouldBe(2 * conversations);
        peak.ShouldBeLessThan(200L << 20);
        peak.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_large_jsonl_stream_is_read_with_bounded_memory()
    {
        var line = Encoding.UTF8.GetBytes("{\"id\":\"c\",\"messages\":[{\"author\":\"a\",\"time\":\"10:00\",\"text\":\"hello there\"},{\"author\":\"b\",\"time\":\"10:01\",\"text\":\"hi, how was school?\"}]}\n");
        var stream = new GeneratedStream("", _ => line, 256L << 20, "");
        var input = new ImportInput { FileName = "big.jsonl", Open = () => stream };
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long conversations = 0;

        await foreach (var item in new InterchangeJsonlImporter().ReadAsync(input))
        {
            item.Diagnostic.ShouldBeNull();
            if (++conversations % 100_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
            }
        }

        conversations.ShouldBe(stream.BodyRepetitions);
        peak.ShouldBeLessThan(128L << 20);
    }

    [Fact]
    public void Sniffing_never_throws_on_any_prefix_of_real_inputs()
    {
        var samples = new[]
        {
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><smses>",
            "<?xml version=\"1.0\"?><!-- unterminated",
            "<?xml",
            "<conversations",
            "{\"id\":",
            "conversation_id,author",
            "\"conversation_id\",\"author\",\"time\",\"text\"\n",
        };
        foreach (string s in samples)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            for (int n = 0; n <= bytes.Length; n++)
            {
                foreach (var importer in All.Importers)
                {
                    Should.NotThrow(() => importer.CanRead(bytes.AsSpan(0, n), "x"));
                }
            }
        }
    }

    private static byte[] Block(char c) => Encoding.ASCII.GetBytes(new string(c, 1 << 16));
}
