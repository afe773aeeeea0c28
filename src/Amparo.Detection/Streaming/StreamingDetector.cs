using System.Collections.Concurrent;
using Amparo.Core;
using Amparo.Detection.Indicators;

namespace Amparo.Detection.Streaming;

/// <summary>
/// Early warning over many conversations at once: per conversation only a <see cref="ConversationState"/>
/// (a few hundred bytes), so memory grows with the conversations in flight, not with their length. Call
/// <see cref="Forget"/> when a conversation ends. Thread-safe; messages of one conversation are serialised.
/// </summary>
public sealed class StreamingDetector : IStreamingDetector
{
    private readonly DetectorCore _core;
    private readonly ConcurrentDictionary<string, ConversationScorer> _conversations = new(StringComparer.Ordinal);

    internal StreamingDetector(DetectorCore core) => _core = core;

    /// <summary>Conversations currently held.</summary>
    public int InFlight => _conversations.Count;

    /// <inheritdoc />
    public StreamingUpdate Push(string conversationId, string author, string text, MessageTime time = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var scorer = _conversations.GetOrAdd(conversationId, static (_, core) => new ConversationScorer(core), _core);
        lock (scorer)
        {
            // Most messages have no hits: copy them out only when there are some, so a push allocates little.
            var step = scorer.Push(author ?? "", text ?? "", null);
            var hits = scorer.LastHits;
            return new StreamingUpdate
            {
                ConversationId = conversationId,
                MessageIndex = step.MessageIndex,
                Risk = step.Risk,
                Level = step.Level,
                Alert = step.Alert,
                AlertFiredNow = step.AlertFiredNow,
                Suspect = scorer.Suspect,
                Indicators = hits.Count > 0 ? hits.ToArray() : [],
            };
        }
    }

    /// <inheritdoc />
    public bool Forget(string conversationId) => _conversations.TryRemove(conversationId, out _);
}
