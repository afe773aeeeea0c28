using Amparo.Core;
using Amparo.Detection.Indicators;

namespace Amparo.Detection;

/// <summary>How worried a person should be, in words a report can use.</summary>
public enum RiskLevel
{
    None,
    Low,
    Medium,
    High,
    /// <summary>Threats, blackmail or sextortion were found: act now.</summary>
    Critical,
}

/// <summary>One stage of grooming (O'Connell) seen in a conversation, with the messages that show it.</summary>
public sealed record StageSpan(string Stage, int FirstMessage, int LastMessage, int Hits);

/// <summary>
/// Everything detection concluded about one conversation — and why. Consumed by the CLI, reports and the web
/// dashboard; its fields mirror the public <c>amparo score</c> line.
/// </summary>
public sealed record ConversationAnalysis
{
    public required string ConversationId { get; init; }

    /// <summary>Calibrated probability, 0..1, that the conversation is grooming.</summary>
    public required double Risk { get; init; }

    public required bool Alert { get; init; }

    public required RiskLevel Level { get; init; }

    /// <summary>The <see cref="Participant.Id"/> of the likely groomer, or null when there is no alert or no clear suspect.</summary>
    public string? Suspect { get; init; }

    /// <summary>
    /// The participant whose lines read most like the adult groomer, even without an alert (for an analyst's
    /// eyes only; <see cref="Suspect"/> is what is reported).
    /// </summary>
    public string? LikelySuspect { get; init; }

    /// <summary>0-based index of the first message at which the streaming scorer alerted, or null.</summary>
    public int? FirstAlert { get; init; }

    /// <summary>Every tactic found, in message order.</summary>
    public IReadOnlyList<IndicatorHit> Indicators { get; init; } = [];

    /// <summary>The streaming risk after each message (same length as the conversation's messages).</summary>
    public IReadOnlyList<double> Timeline { get; init; } = [];

    /// <summary>The grooming stages seen, in the order they first appear.</summary>
    public IReadOnlyList<StageSpan> Stages { get; init; } = [];

    /// <summary>The risk at which this conversation alerts (it depends on the layer that scored it).</summary>
    public double Threshold { get; init; }

    /// <summary>
    /// True when the conversation reads as Spanish (or another language the text model did not learn) and was
    /// scored from the tactics found, message counts and questions only, not from its wording.
    /// </summary>
    public bool LanguageIndependent { get; init; }
}

/// <summary>Analyses a whole conversation.</summary>
public interface IConversationAnalyzer
{
    ConversationAnalysis Analyze(Conversation conversation);
}

/// <summary>The state of one conversation after one more message, from the streaming (early-warning) scorer.</summary>
public sealed record StreamingUpdate
{
    public required string ConversationId { get; init; }

    /// <summary>0-based index the message got.</summary>
    public required int MessageIndex { get; init; }

    public required double Risk { get; init; }

    public required RiskLevel Level { get; init; }

    /// <summary>True once the conversation has alerted (stays true).</summary>
    public required bool Alert { get; init; }

    /// <summary>True only on the message at which the alert first fired.</summary>
    public required bool AlertFiredNow { get; init; }

    public string? Suspect { get; init; }

    /// <summary>Indicators found in this message.</summary>
    public IReadOnlyList<IndicatorHit> Indicators { get; init; } = [];
}

/// <summary>
/// Early warning: takes messages one at a time, keeps small state per conversation, and decides causally
/// (the decision at message i depends only on messages 0..i). Implementations are thread-safe.
/// </summary>
public interface IStreamingDetector
{
    StreamingUpdate Push(string conversationId, string author, string text, MessageTime time = default);

    /// <summary>Drops a conversation's state; returns false when it was unknown.</summary>
    bool Forget(string conversationId);
}
