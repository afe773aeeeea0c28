using System.Collections.Concurrent;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;

namespace Amparo.Web.Tests.Infrastructure;

/// <summary>
/// A test double for the web layer's own tests (alert storage, webhooks, tenancy, the score line's shape): each
/// message containing "secret" adds 0.4 risk and one <c>secrecy</c> hit; the alert fires on crossing 0.5.
/// The real detector is exercised by the end-to-end test.
/// </summary>
public sealed class ScriptedDetector : IStreamingDetector
{
    private readonly ConcurrentDictionary<string, (int Count, double Risk, bool Alert)> _state = new(StringComparer.Ordinal);

    public ConcurrentBag<string> Keys { get; } = [];

    public StreamingUpdate Push(string conversationId, string author, string text, MessageTime time = default)
    {
        Keys.Add(conversationId);
        bool hit = text.Contains("secret", StringComparison.OrdinalIgnoreCase);
        var s = _state.AddOrUpdate(conversationId, _ => (1, hit ? 0.4 : 0.05, false), (_, o) => (o.Count + 1, Math.Min(1, o.Risk + (hit ? 0.4 : 0.0)), o.Alert));
        bool fire = !s.Alert && s.Risk >= 0.5;
        if (fire)
        {
            _state[conversationId] = s with { Alert = true };
        }

        return new StreamingUpdate
        {
            ConversationId = conversationId,
            MessageIndex = s.Count - 1,
            Risk = s.Risk,
            Level = s.Risk >= 0.5 ? RiskLevel.High : RiskLevel.Low,
            Alert = s.Alert || fire,
            AlertFiredNow = fire,
            Suspect = fire || s.Alert ? author : null,
            Indicators = hit ? [new IndicatorHit("secrecy", s.Count - 1, "secret")] : [],
        };
    }

    public bool Forget(string conversationId) => _state.TryRemove(conversationId, out _);
}

public sealed class ScriptedAnalyzer : IConversationAnalyzer
{
    public ConversationAnalysis Analyze(Conversation conversation)
    {
        var detector = new ScriptedDetector();
        StreamingUpdate? last = null;
        int? first = null;
        var hits = new List<IndicatorHit>();
        var timeline = new List<double>();
        foreach (var m in conversation.Messages)
        {
            last = detector.Push(conversation.Id, m.AuthorId, m.Text);
            timeline.Add(last.Risk);
            hits.AddRange(last.Indicators);
            if (last.AlertFiredNow)
            {
                first = m.Index;
            }
        }

        return new ConversationAnalysis
        {
            ConversationId = conversation.Id,
            Risk = last?.Risk ?? 0,
            Alert = last?.Alert ?? false,
            Level = last?.Level ?? RiskLevel.None,
            Suspect = last?.Suspect,
            FirstAlert = first,
            Indicators = hits,
            Timeline = timeline,
        };
    }
}
