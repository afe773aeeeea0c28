using System.Text;
using Amparo.Core;
using Amparo.Importers.Pan2012;
using Amparo.Testing;

namespace Amparo.Importers.Tests.Pan2012;

public class Pan2012ImporterTests
{
    private static readonly Pan2012Importer Reference = new(Pan2012Engine.XmlReader);
    private static readonly Pan2012Importer Scanner = new(Pan2012Engine.Scanner);

    public static TheoryData<Pan2012Engine> Engines => [Pan2012Engine.XmlReader, Pan2012Engine.Scanner, Pan2012Engine.Auto];

    private static string Sample => RepoPaths.Data("pan12", "pan12-training-sample.xml");

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Imports_the_official_sample_one_conversation_at_a_time(Pan2012Engine engine)
    {
        var result = await TestInput.ReadAsync(new Pan2012Importer(engine), TestInput.FromFile(Sample));

        result.Diagnostics.ShouldBeEmpty();
        result.Conversations.Count.ShouldBe(44);
        result.Conversations.Sum(c => c.Messages.Count).ShouldBe(999);
        var first = result.Conversations[0];
        first.Id.ShouldBe("e621da5de598c9321a1d505ea95e6a2d");
        first.Source.ShouldBe(SourceApp.Pan2012);
        first.Messages[0].AuthorId.ShouldBe("97964e7a9e8eb9cf78f2e4d7b2ff34c7");
        first.Messages[0].Time.ShouldBe(MessageTime.OfDay(new TimeOnly(3, 20)));
        first.Messages[0].Source!.Line.ShouldBe(4);
        first.Participants.Count.ShouldBe(2);
        result.Conversations.SelectMany(c => c.Messages).ShouldAllBe(m => m.Time.Kind == MessageTimeKind.TimeOfDay);
    }

    [Fact]
    public async Task The_scanner_and_XmlReader_agree_on_the_official_sample()
    {
        var a = await TestInput.ReadAsync(Reference, TestInput.FromFile(Sample));
        var b = await TestInput.ReadAsync(Scanner, TestInput.FromFile(Sample));

        Describe(b.Conversations).ShouldBe(Describe(a.Conversations));
    }

    private const string TrickyFirst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- corpus -->\r\n<conversations>\r\n<conversation id='a&amp;b'>\r\n<message line=\"1\"><author>x</author><time>9:05</time><text>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233; &#x1F600;</text></message>\r\n<message line=\"2\"><author>y</author><time>09:06</time><text><![CDATA[raw <tags> & stuff]]> then text</text></message>\r\n<message line=\"3\"><author>x</author><time/><text/></message>\r\n<?pi data?><message line=\"5\"><author>y</author><time>25:99</time><text>two\r\nlines\rthree</text><extra>skipped <b>x</b></extra></message>\r\n</conversation>\r\n<conversation id=\"empty\"/>\r\n<conversation id=\"c\"><message line=\"1\"><text>  </text><author>z</author><time>10:00</time></message></conversation>\r\n</conversations>\r\n";

    public static TheoryData<string> Tricky => new()
    {
        // Entities, numeric references, CDATA, comments, PIs, single quotes, self-closing elements, CRLF.
        TrickyFirst,
        "<conversations><conversation id=\"1\"><message line=\"1\"><author>ñandú</author><time>00:00</time><text>日本語 текст ✓</text></message></conversation></conversations>",
        "\uFEFF<conversations/>",
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public async Task The_scanner_and_XmlReader_agree_on_tricky_but_valid_xml(string xml)
    {
        var a = await TestInput.ReadAsync(Reference, TestInput.FromText("t.xml", xml));
        var b = await TestInput.ReadAsync(Scanner, TestInput.FromText("t.xml", xml));

        Describe(b.Conversations).ShouldBe(Describe(a.Conversations));
        b.AllDiagnostics().Select(d => (d.Severity, d.Line, d.Message)).ShouldBe(a.AllDiagnostics().Select(d => (d.Severity, d.Line, d.Message)));
    }

    [Fact]
    public async Task Decodes_entities_cdata_and_line_ends_like_xml_requires()
    {
        var result = await TestInput.ReadAsync(Scanner, TestInput.FromText("t.xml", TrickyFirst));

        var c = result.Conversations[0];
        c.Id.ShouldBe("a&b");
        c.Messages[0].Text.ShouldBe("a <b> & \"c\" 'd' é \U0001F600");
        c.Messages[0].Time.ShouldBe(MessageTime.OfDay(new TimeOnly(9, 5)));
        c.Messages[1].Text.ShouldBe("raw <tags> & stuff then text");
        c.Messages[2].Text.ShouldBe("");
        c.Messages[3].Text.ShouldBe("two\nlines\nthree");
        c.Messages[3].Time.Kind.ShouldBe(MessageTimeKind.Unknown);
        c.Diagnostics.ShouldContain(d => d.Message.Contains("25:99") && d.Line == 8);
        c.Diagnostics.ShouldContain(d => d.Message.Contains("line=\"5\""));
        result.Conversations[1].Messages.ShouldBeEmpty();
        result.Conversations[2].Messages[0].Text.ShouldBe("  ");
    }

    public static TheoryData<string, string, long> Broken => new()
    {
        { "<conversations><conversation id=\"1\"><message line=\"1\"><author>a</author><time>01:00</time><text>ok</text></message></conversation>\n<conversation id=\"2\"><message line=\"1\"><author>b</auth", "truncated", 2 },
        { "<conversations>\n<conversation id=\"1\"><message line=\"1\"><author>a</author><time>01:00</time><text>ok</text></message></conversation>\n<conversation id=\"2\"><message><text>x &bogus; y</text></message></conversation></conversations>", "malformed", 3 },
        { "<conversations>\n<conversation id=\"1\"><message line=\"1\"><author>a</author><time>01:00</time><text>ok</text></message></conversation>\n<conversation id=\"2\"><message><text>x</time></message></conversation></conversations>", "malformed", 3 },
        { "<conversations>\n<conversation id=\"1\"></conversation>\n<conversation id=\"2\"><message><text>bell \u0007</text></message></conversation></conversations>", "malformed", 3 },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task Broken_xml_keeps_the_conversations_before_the_break_with_both_parsers(string xml, string kind, long line)
    {
        foreach (var importer in new[] { Reference, Scanner })
        {
            var result = await TestInput.ReadAsync(importer, TestInput.FromText("broken.xml", xml));

            result.Conversations.Count.ShouldBe(1, importer.Engine.ToString());
            var d = result.Diagnostics.ShouldHaveSingleItem();
            d.Severity.ShouldBe(DiagnosticSeverity.Error);
            d.File.ShouldBe("broken.xml");
            d.Line.ShouldBe(line, importer.Engine.ToString());
            d.Message.ShouldContain(kind);
            d.Message.ShouldContain("1 conversation read before it is kept");
        }
    }

    [Fact]
    public async Task Caps_an_overlong_message_text_with_an_error()
    {
        string xml = "<conversations><conversation id=\"1\"><message line=\"1\"><author>a</author><time>01:00</time><text>" + new string('x', 5000) + "</text></message></conversation></conversations>";
        var options = new ImportOptions { MaxLineLength = 1000 };
        foreach (var importer in new[] { Reference, Scanner })
        {
            var result = await TestInput.ReadAsync(importer, TestInput.FromText("long.xml", xml, options));

            result.Conversations[0].Messages[0].Text.Length.ShouldBe(1000);
            result.Conversations[0].Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("longer than"));
        }
    }

    [Fact]
    public async Task Reads_the_official_predator_id_list_and_line_ground_truth()
    {
        var ids = await Pan2012Corpus.ReadPredatorIdsAsync(RepoPaths.Data("pan12", "pan12-sexual-predator-identification-training-corpus-predators-2012-05-01.txt"));
        ids.Count.ShouldBe(142);
        ids.ShouldAllBe(id => id.Length == 32);

        var lines = await Pan2012Corpus.ReadLineGroundTruthAsync(new StringReader("abc\t1\nabc\t3\n\ndef 2\nbad line\n"));
        lines["abc"].ShouldBe(new HashSet<int> { 1, 3 });
        lines["def"].ShouldBe(new HashSet<int> { 2 });
        lines.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Verifies_a_file_against_the_published_checksums()
    {
        var reference = await Pan2012Corpus.ReadReferenceChecksumsAsync(RepoPaths.Data("pan12", "reference-sha256sum.txt"));
        reference.Count.ShouldBe(4);

        string predators = RepoPaths.Data("pan12", "pan12-sexual-predator-identification-training-corpus-predators-2012-05-01.txt");
        (await Pan2012Corpus.VerifyAsync(predators, reference)).ShouldBe(true);
        (await Pan2012Corpus.VerifyAsync(Sample, reference)).ShouldBeNull();
    }

    internal static List<string> Describe(IEnumerable<Conversation> conversations) =>
        conversations.SelectMany(c => new[] { $"conversation {c.Id} {c.Participants.Count} participants" }
            .Concat(c.Messages.Select(m => $"{m.Index} {m.AuthorId} {m.Time} {m.Source?.Line} [{m.Text}]"))).ToList();
}
