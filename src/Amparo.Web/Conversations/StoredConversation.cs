using System.Text.Json;
using System.Text.Json.Serialization;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Scoring;

namespace Amparo.Web.Conversations;

/// <summary>How a conversation is kept in the dashboard database and sent to the page: plain data, no markup.</summary>
public sealed record StoredConversation(
    IReadOnlyList<StoredParticipant> Participants,
    IReadOnlyList<StoredMessage> Messages,
    IReadOnlyList<string> Diagnostics)
{
    public static StoredConversation Of(Conversation c) => new(
        c.Participants.Select(p => new StoredParticipant(p.Id, p.DisplayName, p.Identifiers.Select(i => new StoredIdentifier(i.Kind, i.Value)).ToList())).ToList(),
        c.Messages.Select(m => new StoredMessage(
            m.Index,
            m.AuthorId,
            c.AuthorName(m),
            m.Time.ToInterchange(),
            m.Text,
            m.Kind.ToString().ToLowerInvariant(),
            m.Source?.Line,
            m.Attachments.Select(a => new StoredAttachment(a.FileName, a.Omitted, a.Sha256)).ToList())).ToList(),
        c.Diagnostics.Select(d => d.ToString()).ToList());
}

public sealed record StoredParticipant(string Id, string Name, IReadOnlyList<StoredIdentifier> Identifiers);

public sealed record StoredIdentifier(string Kind, string Value);

public sealed record StoredMessage(int Index, string AuthorId, string Author, string? Time, string Text, string Kind, long? Line, IReadOnlyList<StoredAttachment> Attachments);

public sealed record StoredAttachment(string FileName, bool Omitted, string? Sha256);

/// <summary>The <c>amparo score</c> line plus the per-message timeline and stages, as stored and served.</summary>
public sealed record StoredAnalysis(
    double Risk,
    bool Alert,
    string Level,
    string? Suspect,
    int? FirstAlert,
    IReadOnlyList<ScoreIndicator> Indicators,
    IReadOnlyList<double> Timeline,
    IReadOnlyList<StoredStage> Stages,
    bool LanguageIndependent = false)
{
    public static StoredAnalysis Of(ConversationAnalysis a) => new(
        a.Risk, a.Alert, ScoreJsonl.LevelName(a.Level), a.Suspect, a.FirstAlert,
        a.Indicators.Select(h => new ScoreIndicator(h.IndicatorId, h.MessageIndex, h.Evidence)).ToList(),
        a.Timeline,
        a.Stages.Select(s => new StoredStage(s.Stage, s.FirstMessage, s.LastMessage, s.Hits)).ToList(),
        a.LanguageIndependent);
}

public sealed record StoredStage(string Stage, int FirstMessage, int LastMessage, int Hits);

/// <summary>One indicator in the public score contract: <c>{"id","message","evidence"}</c>.</summary>
public sealed record ScoreIndicator(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("message")] int Message,
    [property: JsonPropertyName("evidence")] string Evidence);

internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
