using Amparo.Detection.Evaluation;

namespace Amparo.Detection.Tests.Evaluation;

public class DetectionMetricsTests
{
    [Fact]
    public void Counts_precision_recall_and_false_alerts_as_defined()
    {
        var scored = new List<ScoredConversation>
        {
            new(1, true, 0, "a", "a"),
            new(1, true, 9, "b", "a"),
            new(1, true, 4, "a", "a"),
            new(1, false, null, null, "a"),
            new(0, true, 3, "x", null),
        };
        scored.AddRange(Enumerable.Repeat(new ScoredConversation(0, false, null, null, null), 199));
        var m = DetectionMetrics.Compute(scored);
        (m.Positives, m.Negatives, m.TruePositives, m.FalsePositives).ShouldBe((4, 200, 3, 1));
        m.Precision.ShouldBe(0.75, 1e-12);
        m.Recall.ShouldBe(0.75, 1e-12);
        m.F1.ShouldBe(0.75, 1e-12);
        m.F05.ShouldBe(0.75, 1e-12);
        m.FalseAlertsPer1000.ShouldBe(5.0, 1e-12);
        m.SuspectAccuracy!.Value.ShouldBe(2.0 / 3, 1e-12);
        m.MedianAlertMessage.ShouldBe(4.0);
    }

    [Fact]
    public void F_half_weighs_precision_more_than_recall()
    {
        DetectionMetrics.FBeta(1.0, 0.5, 0.5).ShouldBe(1.25 * 0.5 / (0.25 + 0.5), 1e-12);
        DetectionMetrics.FBeta(0.5, 1.0, 0.5).ShouldBeLessThan(DetectionMetrics.FBeta(1.0, 0.5, 0.5));
        DetectionMetrics.FBeta(0, 0, 0.5).ShouldBe(0);
    }

    [Fact]
    public void The_latency_penalty_is_zero_at_the_first_message_and_one_half_after_ninety()
    {
        DetectionMetrics.LatencyPenalty(1).ShouldBe(0, 1e-12);
        DetectionMetrics.LatencyPenalty(90).ShouldBe(0.5, 1e-12);
        DetectionMetrics.LatencyPenalty(1000).ShouldBeGreaterThan(0.99);
    }

    [Fact]
    public void Latency_weighted_F1_uses_the_median_penalty_over_true_positives()
    {
        var scored = new[]
        {
            new ScoredConversation(1, true, 0, null, null),
            new ScoredConversation(1, true, 89, null, null),
            new ScoredConversation(1, true, 200, null, null),
            new ScoredConversation(0, false, null, null, null),
        };
        var m = DetectionMetrics.Compute(scored);
        m.F1.ShouldBe(1.0);
        m.Speed.ShouldBe(0.5, 1e-12);
        m.FLatency.ShouldBe(0.5, 1e-12);
        m.MedianAlertMessage.ShouldBe(89);
    }

    [Fact]
    public void No_alerts_at_all_gives_zeros_not_errors()
    {
        var m = DetectionMetrics.Compute([new ScoredConversation(1, false, null, null, "a"), new ScoredConversation(0, false, null, null, null)]);
        (m.Precision, m.Recall, m.F05, m.FalseAlertsPer1000, m.FLatency).ShouldBe((0.0, 0.0, 0.0, 0.0, 0.0));
        m.SuspectAccuracy.ShouldBeNull();
        m.MedianAlertMessage.ShouldBeNull();
        m.ToString().ShouldContain("| all |");
    }
}

public class HeldOutTests
{
    [Fact]
    public void The_shipped_model_meets_the_targets_on_the_offender_grouped_held_out_split()
    {
        var corpus = SharedCorpus.Corpus;
        var results = HeldOut.Score(DetectionEngine.LoadDefault(), corpus.Test);
        var m = DetectionMetrics.Compute(results.Select(r => r.Scored));
        m.Positives.ShouldBeGreaterThan(1000);
        m.Negatives.ShouldBeGreaterThan(1000);
        m.F05.ShouldBeGreaterThanOrEqualTo(0.95);
        m.FalseAlertsPer1000.ShouldBeLessThanOrEqualTo(5.0);
        m.SuspectAccuracy!.Value.ShouldBeGreaterThanOrEqualTo(0.95);
        m.MedianAlertMessage!.Value.ShouldBeLessThanOrEqualTo(10);
    }
}
