using Amparo.Detection.Training;

namespace Amparo.Detection.Tests.Training;

public sealed class CorpusReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "amparo-corpus-" + Guid.NewGuid().ToString("N"));

    public CorpusReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void IRC_threads_are_the_connected_components_of_the_reply_links()
    {
        string irc = Path.Combine(_dir, "irc");
        Directory.CreateDirectory(irc);
        File.WriteAllLines(Path.Combine(irc, "x.raw.txt"),
        [
            "[10:00] <ann> context line, not annotated",
            "[10:01] <bob> how do i mount a usb drive",
            "[10:01] <cat> anyone seen the new release",
            "[10:02] <dan> bob: try sudo mount",
            "=== eve joined the channel",
            "[10:03] <bob> dan: thanks",
            "[10:04] <fay> cat: yes it is out",
            "[10:05] <dan> bob: np",
            "[10:05] <cat> fay: great",
        ]);
        File.WriteAllLines(Path.Combine(irc, "x.annotation.txt"), ["1 1 -", "1 3 -", "3 5 -", "5 7 -", "2 2 -", "2 6 -", "6 8 -", "4 4 -", "bad line"]);
        var warnings = new List<string>();
        var threads = IrcUbuntuReader.Read(irc, warnings);
        threads.Count.ShouldBe(2);
        threads[0].Lines.Select(l => l.Author).ShouldBe(["bob", "dan", "bob", "dan"]);
        threads[1].Lines.Select(l => l.Text).ShouldBe(["anyone seen the new release", "cat: yes it is out", "fay: great"]);
        threads.ShouldAllBe(t => t.Label == 0 && t.Group == "irc:x");
        warnings.ShouldHaveSingleItem().ShouldContain("x.annotation.txt:9");
    }

    [Fact]
    public void Perverted_Justice_sides_merge_by_relative_position_and_are_cut_into_segments()
    {
        string pj = Path.Combine(_dir, "pj");
        Directory.CreateDirectory(Path.Combine(pj, "predators"));
        Directory.CreateDirectory(Path.Combine(pj, "officers"));
        File.WriteAllLines(Path.Combine(pj, "predators", "predator_nick.txt"), Enumerable.Range(0, 200).Select(i => $"o{i}"));
        File.WriteAllLines(Path.Combine(pj, "officers", "officer_nick.txt"), Enumerable.Range(0, 100).Select(i => $"d{i}"));
        File.WriteAllLines(Path.Combine(pj, "officers", "officer_lonely.txt"), ["x"]);
        var warnings = new List<string>();
        var segments = PervertedJusticeReader.Read(pj, 1, warnings);
        segments.Sum(s => s.Lines.Count).ShouldBe(300);
        segments.ShouldAllBe(s => s.Label == 1 && s.Group == "pj:nick" && s.Suspect == PervertedJusticeReader.OffenderAuthor);
        segments.Select(s => s.Segment).ShouldBe(Enumerable.Range(0, segments.Count));
        segments.ShouldAllBe(s => s.Lines.Count >= 10 && s.Lines.Count <= 130);
        var all = segments.SelectMany(s => s.Lines).ToList();
        // Each side keeps its own order, and the sides stay aligned: two offender lines per decoy line.
        all.Where(l => l.Author == "offender").Select(l => l.Text).ShouldBe(Enumerable.Range(0, 200).Select(i => $"o{i}"));
        all.Where(l => l.Author == "decoy").Select(l => l.Text).ShouldBe(Enumerable.Range(0, 100).Select(i => $"d{i}"));
        all.Take(3).Select(l => l.Text).ShouldBe(["o0", "d0", "o1"]);
        warnings.ShouldHaveSingleItem().ShouldContain("officer_lonely");
    }

    [Fact]
    public void VTPAN_rows_with_quotes_become_pseudo_message_conversations()
    {
        string csv = Path.Combine(_dir, "v.csv");
        File.WriteAllText(csv, "segment,label\n\"hi there how are you? fine, thanks \"\"friend\"\" one two three four five six seven eight\",0\n\"bad\",7\nplain text row,1\n");
        var warnings = new List<string>();
        var rows = VtpanReader.Read(csv, warnings);
        rows.Count.ShouldBe(2);
        rows[0].Lines.Select(l => l.Text).ShouldBe(["hi there how are you?", "fine, thanks \"friend\" one two three four", "five six seven eight"]);
        rows[0].Lines.Select(l => l.Author).ShouldBe(["a", "b", "a"]);
        rows[1].Label.ShouldBe(1);
        warnings.ShouldHaveSingleItem().ShouldContain("v.csv:3");
    }

    [Fact]
    public void The_split_never_puts_one_offender_on_both_sides()
    {
        var corpus = SharedCorpus.Corpus;
        var trainGroups = corpus.Train.Select(c => c.Group).ToHashSet(StringComparer.Ordinal);
        var testGroups = corpus.Test.Select(c => c.Group).ToHashSet(StringComparer.Ordinal);
        trainGroups.Overlaps(testGroups).ShouldBeFalse();
        testGroups.Count(g => g.StartsWith("pj:", StringComparison.Ordinal)).ShouldBeGreaterThan(100);
        // Some VTPAN positives were traced to their Perverted-Justice offender and follow that offender's side.
        corpus.Conversations.Count(c => c.Source == CorpusSource.Vtpan && c.Label == 1 && c.Group.StartsWith("pj:", StringComparison.Ordinal)).ShouldBeGreaterThan(10);
    }
}
