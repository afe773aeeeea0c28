using Amparo.Core;
using Amparo.Detection.Indicators;

namespace Amparo.Detection.Tests.Indicators;

public class ConversationIndicatorsTests
{
    private static Conversation Chat(params (string Author, string Text)[] lines) => Chat(lines.Select(l => (l.Author, l.Text, MessageKind.Text)).ToArray());

    private static Conversation Chat(params (string Author, string Text, MessageKind Kind)[] lines) => new()
    {
        Id = "c1",
        Participants = [new Participant { Id = "a", DisplayName = "A" }, new Participant { Id = "b", DisplayName = "B" }],
        Messages = lines.Select((l, i) => new Message { Index = i, AuthorId = l.Author, Text = l.Text, Kind = l.Kind }).ToList(),
    };

    private static List<IndicatorHit> Hits(Conversation c, string id) =>
        ConversationIndicators.Analyze(c).Where(h => h.IndicatorId == id).ToList();

    [Fact]
    public void Flags_a_participant_whose_claimed_ages_contradict_each_other()
    {
        var c = Chat(("a", "hi, im 14 too"), ("b", "cool"), ("b", "i am 13"), ("a", "well actually I'm 31"));
        var hit = Hits(c, "age-deception").ShouldHaveSingleItem();
        hit.MessageIndex.ShouldBe(3);
        hit.Evidence.ShouldBe("I'm 31");
    }

    [Fact]
    public void Flags_a_claimed_teenager_who_talks_about_a_wife_or_driving()
    {
        var c = Chat(("a", "14/m here"), ("b", "same lol"), ("a", "sorry, my wife needed the computer"));
        var hit = Hits(c, "age-deception").ShouldHaveSingleItem();
        hit.MessageIndex.ShouldBe(2);
        hit.Evidence.ShouldBe("my wife");
    }

    [Fact]
    public void Flags_Spanish_age_contradictions_with_and_without_accents()
    {
        Hits(Chat(("a", "tengo 15 años"), ("b", "yo 13"), ("a", "bueno, tengo 28")), "age-deception").ShouldHaveSingleItem().MessageIndex.ShouldBe(2);
        Hits(Chat(("a", "tengo 15 anos"), ("a", "mañana manejo mi carro hasta tu ciudad")), "age-deception").ShouldHaveSingleItem().Evidence.ShouldBe("manejo mi carro");
    }

    [Fact]
    public void Does_not_flag_consistent_ages_distances_or_adults_who_never_claimed_to_be_young()
    {
        Hits(Chat(("a", "i am 14"), ("a", "im 14 btw"), ("a", "i am 5 minutes away")), "age-deception").ShouldBeEmpty();
        Hits(Chat(("a", "i am 35"), ("a", "my wife says hi")), "age-deception").ShouldBeEmpty();
        Hits(Chat(("a", "tengo 14 años"), ("a", "tengo 2 perros y 3 gatos")), "age-deception").ShouldBeEmpty();
        Hits(Chat(("a", "i am 14"), ("b", "i am 40")), "age-deception").ShouldBeEmpty();
    }

    [Fact]
    public void Reports_age_deception_once_per_participant()
    {
        var c = Chat(("a", "im 13"), ("a", "im 30"), ("a", "im 45"), ("a", "my wife is home"));
        Hits(c, "age-deception").Count.ShouldBe(1);
    }

    [Fact]
    public void Flags_an_image_sent_right_after_the_other_person_asked_for_one()
    {
        var media = Chat(("a", "send me a pic", MessageKind.Text), ("b", "ok wait", MessageKind.Text), ("b", "", MessageKind.Media));
        var hit = Hits(media, "child-sent-image").ShouldHaveSingleItem();
        hit.MessageIndex.ShouldBe(2);

        var said = Chat(("a", "mándame una foto"), ("b", "ya te la mandé"));
        Hits(said, "child-sent-image").ShouldHaveSingleItem().Evidence.ShouldBe("ya te la mandé");

        var en = Chat(("a", "can i see a pic of you"), ("b", "just sent it"));
        Hits(en, "child-sent-image").ShouldHaveSingleItem().Evidence.ShouldBe("just sent it");
    }

    [Fact]
    public void Quotes_an_attachment_name_for_a_media_message_without_text()
    {
        var c = new Conversation
        {
            Id = "c2",
            Messages =
            [
                new Message { Index = 0, AuthorId = "a", Text = "send me a selfie" },
                new Message
                {
                    Index = 1, AuthorId = "b", Kind = MessageKind.Media,
                    Attachments = [new Attachment { FileName = "IMG-0001.jpg", MediaType = "image/jpeg" }],
                },
            ],
        };
        Hits(c, "child-sent-image").ShouldHaveSingleItem().Evidence.ShouldBe("IMG-0001.jpg");
    }

    [Fact]
    public void Does_not_flag_images_without_a_request_or_from_the_person_who_asked_or_long_after()
    {
        Hits(Chat(("b", "look at my dog", MessageKind.Text), ("b", "", MessageKind.Media)), "child-sent-image").ShouldBeEmpty();
        Hits(Chat(("a", "send me a pic", MessageKind.Text), ("a", "", MessageKind.Media)), "child-sent-image").ShouldBeEmpty();
        var late = new List<(string, string, MessageKind)> { ("a", "send me a pic", MessageKind.Text) };
        late.AddRange(Enumerable.Range(0, 8).Select(i => ("b", "talking about school " + i, MessageKind.Text)));
        late.Add(("b", "", MessageKind.Media));
        Hits(Chat([.. late]), "child-sent-image").ShouldBeEmpty();
        Hits(Chat(("a", "i dont want pics"), ("b", "sent it")), "child-sent-image").ShouldBeEmpty();
    }

    [Fact]
    public void Includes_the_message_level_indicators_with_their_message_indexes()
    {
        var c = Chat(("a", "hey"), ("a", "are you alone?"), ("b", "yes"), ("a", "don't tell anyone"));
        var hits = ConversationIndicators.Analyze(c);
        hits.Select(h => (h.IndicatorId, h.MessageIndex)).ShouldBe([("alone-check", 1), ("secrecy", 3)]);
    }

    [Fact]
    public void Is_causal_cutting_later_messages_never_changes_earlier_hits()
    {
        var lines = new (string, string)[]
        {
            ("a", "asl"), ("b", "13 f"), ("a", "im 14 too"), ("a", "send me a pic"), ("b", "sent it"),
            ("a", "my truck is outside"), ("a", "don't tell your parents"), ("b", "ok"),
        };
        var full = ConversationIndicators.Analyze(Chat(lines));
        for (int n = 1; n <= lines.Length; n++)
        {
            var prefix = ConversationIndicators.Analyze(Chat(lines[..n]));
            prefix.ShouldBe(full.Where(h => h.MessageIndex < n).ToList());
        }

        full.Select(h => h.IndicatorId).ShouldContain("age-deception");
        full.Select(h => h.IndicatorId).ShouldContain("child-sent-image");
    }

    [Fact]
    public void The_incremental_state_gives_the_same_hits_as_the_whole_conversation()
    {
        var c = Chat(("a", "im 15", MessageKind.Text), ("b", "cool", MessageKind.Text), ("a", "i drive my car to work at 6", MessageKind.Text), ("a", "send me a selfie", MessageKind.Text), ("b", "", MessageKind.Media));
        var state = new ConversationIndicatorState(IndicatorCatalog.Default);
        var hits = new List<IndicatorHit>();
        foreach (var m in c.Messages)
        {
            state.Push(m.AuthorId, m.Text, m.Kind == MessageKind.Media, hits);
        }

        hits.ShouldBe(ConversationIndicators.Analyze(c));
        state.MessageCount.ShouldBe(5);
        state.Ages("a")!.Claims.ShouldBe([15]);
        state.Ages("a")!.HasAdultSignal.ShouldBeTrue();
    }

    [Fact]
    public void The_age_tracker_only_counts_plausible_ages()
    {
        var t = new AgeClaimTracker();
        t.AddClaim(3).ShouldBeFalse();
        t.AddClaim(150).ShouldBeFalse();
        t.Claims.ShouldBeEmpty();
        t.AddClaim(14).ShouldBeFalse();
        t.AddClaim(15).ShouldBeFalse();
        t.AddClaim(34).ShouldBeTrue();
        t.Flagged.ShouldBeTrue();
        t.AddAdultSignal().ShouldBeFalse("already reported");
    }
}
