using System.Globalization;
using System.Text;

namespace Amparo.Detection.Evaluation;

/// <summary>One scored conversation with its ground truth.</summary>
/// <param name="Label">1 grooming, 0 not.</param>
/// <param name="Alert">Whether the scorer alerted.</param>
/// <param name="FirstAlert">0-based message index of the alert, when it alerted.</param>
/// <param name="Suspect">The predicted suspect (null when none was named).</param>
/// <param name="TrueSuspect">The labelled offender, when known.</param>
public readonly record struct ScoredConversation(int Label, bool Alert, int? FirstAlert, string? Suspect, string? TrueSuspect);

/// <summary>
/// The detection figures: precision, recall, F1, F0.5, false alerts per 1,000 benign conversations, suspect
/// accuracy, the median alert message and the latency-weighted F1 of Vogt et al. (2021).
/// </summary>
public sealed record DetectionMetrics
{
    public int Conversations { get; init; }

    public int Positives { get; init; }

    public int Negatives { get; init; }

    public int TruePositives { get; init; }

    public int FalsePositives { get; init; }

    public double Precision { get; init; }

    public double Recall { get; init; }

    public double F1 { get; init; }

    public double F05 { get; init; }

    /// <summary>False alerts per 1,000 benign conversations.</summary>
    public double FalseAlertsPer1000 { get; init; }

    /// <summary>Share of alerted grooming conversations (with a labelled suspect) whose suspect was named correctly; null when none.</summary>
    public double? SuspectAccuracy { get; init; }

    /// <summary>How many true positives had a labelled suspect.</summary>
    public int SuspectLabelled { get; init; }

    /// <summary>Median 0-based message index of the first alert over true positives; null when none.</summary>
    public double? MedianAlertMessage { get; init; }

    /// <summary>1 − median latency penalty over true positives.</summary>
    public double Speed { get; init; }

    /// <summary>F1 × speed (Vogt et al. 2021).</summary>
    public double FLatency { get; init; }

    /// <summary>p = ln 3 / 89, so that the penalty is 0.5 after 90 messages.</summary>
    public static readonly double LatencyP = Math.Log(3) / 89;

    /// <summary>penalty(k) = −1 + 2 / (1 + e^(−p(k−1))) for an alert after k messages (k ≥ 1).</summary>
    public static double LatencyPenalty(int k) => -1 + (2 / (1 + Math.Exp(-LatencyP * (k - 1))));

    /// <summary>F-beta from precision and recall; 0 when both are 0.</summary>
    public static double FBeta(double precision, double recall, double beta)
    {
        double b2 = beta * beta;
        double d = (b2 * precision) + recall;
        return d == 0 ? 0 : (1 + b2) * precision * recall / d;
    }

    public static DetectionMetrics Compute(IEnumerable<ScoredConversation> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        int n = 0, pos = 0, neg = 0, tp = 0, fp = 0, suspectN = 0, suspectOk = 0;
        var alertAt = new List<int>();
        var penalties = new List<double>();
        foreach (var s in scored)
        {
            n++;
            if (s.Label == 1)
            {
                pos++;
                if (s.Alert)
                {
                    tp++;
                    int idx = s.FirstAlert ?? 0;
                    alertAt.Add(idx);
                    penalties.Add(LatencyPenalty(idx + 1));
                    if (s.TrueSuspect is not null)
                    {
                        suspectN++;
                        if (string.Equals(s.Suspect, s.TrueSuspect, StringComparison.Ordinal))
                        {
                            suspectOk++;
                        }
                    }
                }
            }
            else
            {
                neg++;
                if (s.Alert)
                {
                    fp++;
                }
            }
        }

        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = pos == 0 ? 0 : (double)tp / pos;
        double f1 = FBeta(precision, recall, 1);
        double speed = penalties.Count == 0 ? 0 : 1 - Median(penalties);
        return new DetectionMetrics
        {
            Conversations = n,
            Positives = pos,
            Negatives = neg,
            TruePositives = tp,
            FalsePositives = fp,
            Precision = precision,
            Recall = recall,
            F1 = f1,
            F05 = FBeta(precision, recall, 0.5),
            FalseAlertsPer1000 = neg == 0 ? 0 : 1000.0 * fp / neg,
            SuspectAccuracy = suspectN == 0 ? null : (double)suspectOk / suspectN,
            SuspectLabelled = suspectN,
            MedianAlertMessage = alertAt.Count == 0 ? null : Median(alertAt.ConvertAll(x => (double)x)),
            Speed = speed,
            FLatency = f1 * speed,
        };
    }

    public static double Median(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var v = values.ToArray();
        Array.Sort(v);
        int m = v.Length / 2;
        return v.Length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /// <summary>A one-line Markdown table row (see <see cref="TableHeader"/>).</summary>
    public string ToTableRow(string name) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Positives}/{Negatives} | {Precision:F3} | {Recall:F3} | {F1:F3} | {F05:F3} | {FalseAlertsPer1000:F1} ({FalsePositives}) | {(SuspectAccuracy is { } sa ? sa.ToString("F3", CultureInfo.InvariantCulture) : "–")} | {(MedianAlertMessage is { } m ? m.ToString("F1", CultureInfo.InvariantCulture) : "–")} | {FLatency:F3} |");

    public const string TableHeader =
        "| system | pos/neg | precision | recall | F1 | F0.5 | false alerts /1000 benign (n) | suspect acc. | median alert msg | F-latency |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine(TableHeader);
        sb.Append(ToTableRow("all"));
        return sb.ToString();
    }
}
