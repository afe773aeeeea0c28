namespace Amparo.Detection.Indicators;

/// <summary>Where an entry is detected.</summary>
public enum IndicatorScope
{
    /// <summary>Found in one message's text.</summary>
    Message,
    /// <summary>Needs the conversation (who said what, in which order): see <see cref="ConversationIndicators"/>.</summary>
    Conversation,
    /// <summary>An internal cue (an age claim, an adult-life mention) that conversation rules combine; never reported alone.</summary>
    Signal,
}

/// <summary>How serious a tactic is on its own.</summary>
public enum IndicatorSeverity
{
    Low,
    Medium,
    High,
    /// <summary>Threats, blackmail, sextortion: alert at once, whatever the model says.</summary>
    Critical,
}

/// <summary>Whose behaviour an indicator describes.</summary>
public enum IndicatorParty
{
    /// <summary>A tactic of the person grooming (probing, secrecy, image requests, threats…).</summary>
    Groomer,
    /// <summary>A risky disclosure by the young person (address, school, phone, sending images).</summary>
    Child,
}

/// <summary>
/// One explainable tactic. The id is a stable public string (<c>secrecy</c>, <c>image-request</c>,
/// <c>sextortion</c>, …): guidance, reports and the dashboard key on it. Definitions and patterns are loaded from
/// data files, not code.
/// </summary>
public sealed record IndicatorDefinition
{
    public required string Id { get; init; }

    /// <summary>Grouping for guidance (for example <c>probing</c>, <c>trust</c>, <c>isolation</c>, <c>sexual</c>, <c>threat</c>).</summary>
    public required string Family { get; init; }

    public required IndicatorSeverity Severity { get; init; }

    public IndicatorParty Party { get; init; } = IndicatorParty.Groomer;

    public required string NameEn { get; init; }

    public required string NameEs { get; init; }

    public required string DescriptionEn { get; init; }

    public required string DescriptionEs { get; init; }

    /// <summary>The grooming stage (O'Connell) the tactic belongs to, for the stage progression.</summary>
    public string? Stage { get; init; }

    /// <summary>Whether one message's text shows it, or it needs the conversation (age deception, a sent image).</summary>
    public IndicatorScope Scope { get; init; } = IndicatorScope.Message;

    public string Name(string language) => string.Equals(language, "es", StringComparison.OrdinalIgnoreCase) ? NameEs : NameEn;

    public string Description(string language) => string.Equals(language, "es", StringComparison.OrdinalIgnoreCase) ? DescriptionEs : DescriptionEn;
}

/// <summary>One indicator found in one message.</summary>
/// <param name="IndicatorId">The <see cref="IndicatorDefinition.Id"/>.</param>
/// <param name="MessageIndex">0-based index of the message.</param>
/// <param name="Evidence">The matched words as they appear in the original text.</param>
public sealed record IndicatorHit(string IndicatorId, int MessageIndex, string Evidence);

/// <summary>Finds tactic indicators in message text, in English and Spanish at once.</summary>
public interface IIndicatorMatcher
{
    IReadOnlyList<IndicatorDefinition> Definitions { get; }

    /// <summary>Finds a definition by id, or null.</summary>
    IndicatorDefinition? Find(string id);

    /// <summary>Appends the indicators found in one message's text to <paramref name="hits"/>.</summary>
    void Match(string text, int messageIndex, ICollection<IndicatorHit> hits);
}
