using Amparo.Detection.Indicators;

namespace Amparo.Detection.Tests.Indicators;

public class IndicatorCatalogTests
{
    private static readonly string[] RequiredIds =
    [
        "personal-info", "alone-check", "trust-flattery", "secrecy", "cop-check", "isolation", "platform-move",
        "sexual-talk", "desensitisation", "image-request", "gifts", "meeting", "threat", "sextortion", "age-deception",
        "child-disclosure-address", "child-disclosure-school", "child-disclosure-phone", "child-sent-image",
    ];

    private static IndicatorMatcher Catalog => IndicatorCatalog.Default;

    [Fact]
    public void Loads_every_required_indicator_by_its_stable_id()
    {
        foreach (string id in RequiredIds)
        {
            Catalog.Find(id).ShouldNotBeNull(id);
        }

        Catalog.Definitions.Select(d => d.Id).ShouldBeUnique();
        Catalog.Find("age-claim").ShouldBeNull("signals are internal, not public indicators");
    }

    [Fact]
    public void Every_indicator_has_names_descriptions_and_patterns_in_English_and_Spanish()
    {
        foreach (var d in Catalog.Definitions)
        {
            d.NameEn.ShouldNotBeNullOrWhiteSpace(d.Id);
            d.NameEs.ShouldNotBeNullOrWhiteSpace(d.Id);
            d.DescriptionEn.ShouldNotBeNullOrWhiteSpace(d.Id);
            d.DescriptionEs.ShouldNotBeNullOrWhiteSpace(d.Id);
            d.NameEs.ShouldNotBe(d.NameEn, d.Id);
            d.Name("es").ShouldBe(d.NameEs);
            d.Description("en").ShouldBe(d.DescriptionEn);
            d.Stage.ShouldNotBeNullOrWhiteSpace(d.Id);
            d.Family.ShouldNotBeNullOrWhiteSpace(d.Id);
            foreach (string lang in IndicatorCatalog.Languages)
            {
                // Conversation-level indicators are built from signals; those carry the patterns.
                string[] sources = d.Id switch
                {
                    "age-deception" => ["age-claim", "adult-signal"],
                    "child-sent-image" => ["sent-image-text"],
                    _ => [d.Id],
                };
                foreach (string source in sources)
                {
                    Catalog.PatternCount(source, lang).ShouldBeGreaterThan(0, $"{source} has no {lang} patterns");
                }
            }
        }
    }

    [Fact]
    public void Threats_and_sextortion_are_critical_and_nothing_else_is()
    {
        Catalog.Find("threat")!.Severity.ShouldBe(IndicatorSeverity.Critical);
        Catalog.Find("sextortion")!.Severity.ShouldBe(IndicatorSeverity.Critical);
        Catalog.Definitions.Where(d => d.Severity == IndicatorSeverity.Critical).Select(d => d.Id).Order(StringComparer.Ordinal)
            .ShouldBe(["sextortion", "threat"]);
    }

    [Fact]
    public void The_young_persons_disclosures_are_attributed_to_the_child()
    {
        Catalog.Definitions.Where(d => d.Party == IndicatorParty.Child).Select(d => d.Id).Order(StringComparer.Ordinal)
            .ShouldBe(["child-disclosure-address", "child-disclosure-phone", "child-disclosure-school", "child-sent-image"]);
    }

    [Fact]
    public void Conversation_level_indicators_are_marked_as_such()
    {
        Catalog.Find("age-deception")!.Scope.ShouldBe(IndicatorScope.Conversation);
        Catalog.Find("child-sent-image")!.Scope.ShouldBe(IndicatorScope.Conversation);
        Catalog.Find("secrecy")!.Scope.ShouldBe(IndicatorScope.Message);
    }

    [Fact]
    public void Evidence_quotes_the_original_casing_and_spelling()
    {
        var hits = new List<IndicatorHit>();
        Catalog.Match("ok but Please DON'T tell your Mom, k?", 7, hits);
        var hit = hits.ShouldHaveSingleItem();
        hit.IndicatorId.ShouldBe("secrecy");
        hit.MessageIndex.ShouldBe(7);
        hit.Evidence.ShouldBe("DON'T tell your Mom");

        hits.Clear();
        Catalog.Match("Mándame una FOTITO porfa", 0, hits);
        hits.ShouldHaveSingleItem().Evidence.ShouldBe("Mándame una FOTITO");

        hits.Clear();
        Catalog.Match("just d0nt  T3LL   anyone lol", 0, hits);
        hits.ShouldHaveSingleItem().Evidence.ShouldBe("d0nt  T3LL   anyone");
    }

    [Fact]
    public void Reports_one_hit_per_indicator_per_message_in_text_order()
    {
        var hits = new List<IndicatorHit>();
        Catalog.Match("are you alone? send me a pic. send me another pic", 3, hits);
        hits.Select(h => h.IndicatorId).ShouldBe(["alone-check", "image-request"]);
        hits[1].Evidence.ShouldBe("send me a pic");
    }

    [Fact]
    public void Malformed_pattern_data_is_reported_with_file_and_line()
    {
        string json = IndicatorCatalog.ReadEmbedded("indicators.json");
        var files = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["en"] = ("bad.en.txt", "@secrecy\n[do not tell\n"),
            ["es"] = ("bad.es.txt", "@secrecy\nno digas\n"),
        };
        var ex = Should.Throw<IndicatorDataException>(() => IndicatorCatalog.Load(json, files));
        ex.Message.ShouldContain("bad.en.txt line 2");

        files["en"] = ("bad.en.txt", "@no-such-indicator\nhello\n");
        Should.Throw<IndicatorDataException>(() => IndicatorCatalog.Load(json, files)).Message.ShouldContain("unknown indicator 'no-such-indicator'");

        files["en"] = ("bad.en.txt", "@secrecy\ni am 14\n");
        Should.Throw<IndicatorDataException>(() => IndicatorCatalog.Load(json, files)).Message.ShouldContain("#num");
    }

    [Fact]
    public void A_missing_language_is_refused_at_load()
    {
        string json = IndicatorCatalog.ReadEmbedded("indicators.json");
        var files = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["en"] = ("patterns-en.txt", IndicatorCatalog.ReadEmbedded("patterns-en.txt")),
        };
        Should.Throw<IndicatorDataException>(() => IndicatorCatalog.Load(json, files)).Message.ShouldContain("has no es patterns");
    }

    [Fact]
    public void Is_usable_from_many_threads_at_once()
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 2000, i =>
        {
            var hits = new List<IndicatorHit>();
            Catalog.Match(i % 2 == 0 ? "are you alone" : "no le digas a nadie", i, hits);
            results.Add(hits.Count);
        });
        results.ShouldAllBe(n => n == 1);
    }
}
