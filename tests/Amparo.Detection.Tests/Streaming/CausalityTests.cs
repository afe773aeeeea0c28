using Amparo.Detection.Streaming;

namespace Amparo.Detection.Tests.Streaming;

public class CausalityTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.LoadDefault();

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int s = 0; s < 60; s++)
        {
            data.Add(s);
        }

        return data;
    }

    private static (int? FirstAlert, List<double> Risks, string? Suspect) Run(IReadOnlyList<(string Author, string Text)> lines)
    {
        var scorer = Engine.CreateScorer();
        int? first = null;
        var risks = new List<double>();
        foreach (var (author, text) in lines)
        {
            var step = scorer.Push(author, text);
            risks.Add(step.Risk);
            if (step.AlertFiredNow)
            {
                first = step.MessageIndex;
            }
        }

        return (first, risks, scorer.Suspect);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_alert_index_does_not_change_when_later_messages_are_cut_off(int seed)
    {
        var lines = TestChats.Random(seed, 12 + (seed * 7 % 60));
        var full = Run(lines);
        for (int cut = 1; cut <= lines.Count; cut++)
        {
            var prefix = Run(lines.Take(cut).ToList());
            prefix.FirstAlert.ShouldBe(full.FirstAlert < cut ? full.FirstAlert : null, $"cut at {cut}");
            prefix.Risks.ShouldBe(full.Risks.Take(cut).ToList());
        }
    }

    [Fact]
    public void The_random_conversations_of_the_causality_test_do_alert_at_varied_points()
    {
        // Guards the property above against passing vacuously.
        var alerts = Enumerable.Range(0, 60).Select(s => Run(TestChats.Random(s, 12 + (s * 7 % 60))).FirstAlert).ToList();
        alerts.Count(a => a is not null).ShouldBeGreaterThan(5);
        alerts.Count(a => a is null).ShouldBeGreaterThan(5);
        alerts.Where(a => a is not null).Distinct().Count().ShouldBeGreaterThan(2);
    }

    [Fact]
    public void A_threat_alerts_at_once_whatever_the_model_says()
    {
        var scorer = Engine.CreateScorer();
        var first = scorer.Push("ana", "hi");
        first.Alert.ShouldBeFalse();
        var step = scorer.Push("max", TestChats.Sextortion);
        step.AlertFiredNow.ShouldBeTrue();
        step.MessageIndex.ShouldBe(1);
        step.Level.ShouldBe(RiskLevel.Critical);
        scorer.Suspect.ShouldBe("max");
    }

    [Fact]
    public void A_negated_threat_does_not_alert()
    {
        var scorer = Engine.CreateScorer();
        scorer.Push("ana", "i would never share your photos with anyone").Alert.ShouldBeFalse();
    }

    [Fact]
    public void The_alert_stays_on_once_fired()
    {
        var scorer = Engine.CreateScorer();
        scorer.Push("max", TestChats.Sextortion);
        for (int i = 0; i < 20; i++)
        {
            var s = scorer.Push("ana", "the build failed again");
            s.Alert.ShouldBeTrue();
            s.AlertFiredNow.ShouldBeFalse();
        }
    }
}

public class StreamingDetectorTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.LoadDefault();

    [Fact]
    public void Pushing_many_conversations_from_many_threads_gives_the_sequential_result()
    {
        var chats = Enumerable.Range(0, 40).Select(s => TestChats.Random(s, 30)).ToList();
        var sequential = new List<List<StreamingUpdate>>();
        var seq = Engine.CreateStreamingDetector();
        for (int c = 0; c < chats.Count; c++)
        {
            sequential.Add(chats[c].Select(l => seq.Push($"c{c}", l.Author, l.Text)).ToList());
        }

        var parallel = Engine.CreateStreamingDetector();
        var results = new List<StreamingUpdate>[chats.Count];
        Parallel.For(0, chats.Count, c => results[c] = chats[c].Select(l => parallel.Push($"c{c}", l.Author, l.Text)).ToList());
        for (int c = 0; c < chats.Count; c++)
        {
            results[c].Select(u => (u.MessageIndex, u.Risk, u.Alert, u.Suspect)).ShouldBe(sequential[c].Select(u => (u.MessageIndex, u.Risk, u.Alert, u.Suspect)));
        }

        parallel.InFlight.ShouldBe(chats.Count);
    }

    [Fact]
    public void Forget_drops_a_conversation_and_a_new_one_starts_fresh()
    {
        var detector = Engine.CreateStreamingDetector();
        detector.Push("x", "max", TestChats.Sextortion).Alert.ShouldBeTrue();
        detector.Forget("x").ShouldBeTrue();
        detector.Forget("x").ShouldBeFalse();
        detector.InFlight.ShouldBe(0);
        var again = detector.Push("x", "ana", "hi");
        again.MessageIndex.ShouldBe(0);
        again.Alert.ShouldBeFalse();
    }

    [Fact]
    public void An_update_carries_the_indicators_of_its_message()
    {
        var detector = Engine.CreateStreamingDetector();
        var u = detector.Push("y", "sam", "dont tell your mom we talk ok");
        u.Indicators.Select(h => h.IndicatorId).ShouldContain("secrecy");
        u.Indicators.ShouldAllBe(h => h.MessageIndex == 0);
    }

    [Fact]
    public void A_long_conversation_keeps_a_fixed_size_state()
    {
        var scorer = Engine.CreateScorer();
        for (int i = 0; i < 20_000; i++)
        {
            scorer.Push(i % 2 == 0 ? "a" : "b", TestChats.Neutral[i % TestChats.Neutral.Length]);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            scorer.Push(i % 2 == 0 ? "a" : "b", "see you tomorrow");
        }

        long perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / 1_000;
        perMessage.ShouldBeLessThan(512, "scoring must not keep or copy the conversation");
        scorer.State.Messages.ShouldBe(21_000);
    }
}

public class AnalyzerTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.LoadDefault();

    [Fact]
    public void The_timeline_is_the_streaming_risk_after_each_message()
    {
        var conversation = TestChats.Alternating("g", TestChats.Grooming);
        var analysis = Engine.Analyze(conversation);
        analysis.Timeline.Count.ShouldBe(conversation.Messages.Count);
        var scorer = Engine.CreateScorer();
        var risks = conversation.Messages.Select(m => scorer.Push(m.AuthorId, m.Text).Risk).ToList();
        analysis.Timeline.ShouldBe(risks);
        analysis.Risk.ShouldBe(risks[^1]);
        analysis.Timeline.ShouldAllBe(r => r >= 0 && r <= 1);
    }

    [Fact]
    public void System_messages_keep_their_place_in_the_timeline_without_being_scored()
    {
        var conversation = TestChats.Alternating("g", ["hi", "hello"]);
        var withSystem = conversation with
        {
            Messages =
            [
                conversation.Messages[0],
                new Amparo.Core.Message { Index = 1, AuthorId = "", Text = "ana joined", Kind = Amparo.Core.MessageKind.System },
                conversation.Messages[1] with { Index = 2 },
            ],
        };
        var a = Engine.Analyze(withSystem);
        a.Timeline.Count.ShouldBe(3);
        a.Timeline[1].ShouldBe(a.Timeline[0]);
    }

    [Fact]
    public void Stages_appear_in_the_order_first_seen_with_the_messages_that_show_them()
    {
        var analysis = Engine.Analyze(TestChats.Alternating("g", TestChats.Grooming));
        analysis.Stages.ShouldNotBeEmpty();
        analysis.Stages.Select(s => s.FirstMessage).ShouldBeInOrder();
        foreach (var stage in analysis.Stages)
        {
            stage.LastMessage.ShouldBeGreaterThanOrEqualTo(stage.FirstMessage);
            stage.Hits.ShouldBeGreaterThan(0);
        }

        analysis.Indicators.Select(h => h.MessageIndex).ShouldBeInOrder();
    }

    [Fact]
    public void The_analysis_agrees_with_the_streaming_detector()
    {
        var conversation = TestChats.Alternating("g", TestChats.Grooming.Append(TestChats.Sextortion));
        var analysis = Engine.Analyze(conversation);
        var detector = Engine.CreateStreamingDetector();
        var updates = conversation.Messages.Select(m => detector.Push("g", m.AuthorId, m.Text)).ToList();
        analysis.Alert.ShouldBe(updates[^1].Alert);
        analysis.FirstAlert.ShouldBe(updates.FindIndex(u => u.AlertFiredNow) is int i and >= 0 ? i : null);
        analysis.Level.ShouldBe(RiskLevel.Critical);
        analysis.Suspect.ShouldBe(updates[^1].Suspect);
    }

    [Fact]
    public void An_empty_conversation_has_no_risk()
    {
        var a = Engine.Analyze(TestChats.Alternating("e", []));
        (a.Risk, a.Alert, a.Level, a.Suspect, a.Timeline.Count).ShouldBe((0.0, false, RiskLevel.None, (string?)null, 0));
    }
}
