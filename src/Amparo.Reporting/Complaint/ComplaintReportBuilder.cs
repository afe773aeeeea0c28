using Amparo.Core;
using Amparo.Detection;
using Amparo.Detection.Indicators;
using Amparo.Reporting.Guidance;

namespace Amparo.Reporting.Complaint;

/// <summary>What the report is built from.</summary>
public sealed record ComplaintReportInput
{
    public required Conversation Conversation { get; init; }

    public required ConversationAnalysis Analysis { get; init; }

    public required ReporterInfo Reporter { get; init; }

    /// <summary>The vault's view of the case; null when the chat was never added to a vault.</summary>
    public CaseEvidenceInfo? Evidence { get; init; }

    /// <summary><c>en</c> or <c>es</c>.</summary>
    public string? Language { get; init; }

    /// <summary>The case id printed on the report; defaults to the vault case, then the conversation id.</summary>
    public string? CaseId { get; init; }

    /// <summary>Indicator definitions from detection, for tactic names; the built-in names are used when null.</summary>
    public IReadOnlyList<IndicatorDefinition>? Indicators { get; init; }

    /// <summary>What produced the analysis (the detector and model version, or a fixture's name).</summary>
    public string AnalysisSource { get; init; } = "Amparo detection";

    /// <summary>Overrides the platform name (otherwise the app the export came from).</summary>
    public string? Platform { get; init; }

    /// <summary>Longer conversations show only messages with findings, with one message of context either side.</summary>
    public int MaxTimelineMessages { get; init; } = 300;
}

/// <summary>Turns a conversation, its analysis and the vault's record into a <see cref="ComplaintReportModel"/>.</summary>
public static class ComplaintReportBuilder
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp", ".mp4", ".mov", ".3gp", ".webm"];

    public static ComplaintReportModel Build(ComplaintReportInput input, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(time);
        var conversation = input.Conversation;
        var analysis = input.Analysis;
        var text = ReportText.For(input.Language);
        var messages = conversation.Messages;

        var names = NameLookup(input.Indicators, text);
        var suspectId = analysis.Suspect ?? GuessSuspect(conversation);
        var suspect = Person(conversation, suspectId, input.Evidence?.SuspectIdentifiers ?? [], text);
        var childId = GuessChild(conversation, suspectId);
        var child = childId is null ? null : Person(conversation, childId, [], text);

        var hitsByMessage = analysis.Indicators.GroupBy(h => h.MessageIndex).ToDictionary(g => g.Key, g => g.ToArray());
        var rank = SeriousnessRank(input.Indicators);
        var tactics = analysis.Indicators
            .GroupBy(h => h.IndicatorId, StringComparer.Ordinal)
            .Select(g => new TacticSummary(g.Key, names(g.Key), g.Select(h => h.MessageIndex).Distinct().Count(), g.Min(h => h.MessageIndex)))
            .OrderBy(t => rank(t.Id)).ThenBy(t => t.FirstMessage).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToArray();

        var shown = ChooseMessages(messages.Count, hitsByMessage.Keys, input.MaxTimelineMessages);
        var timeline = new List<TimelineEntry>();
        var gaps = new List<TimelineGap>();
        int previous = -1;
        foreach (int i in shown)
        {
            if (i - previous > 1)
            {
                gaps.Add(new TimelineGap(previous + 1, i - previous - 1));
            }

            previous = i;
            var m = messages[i];
            timeline.Add(new TimelineEntry
            {
                Index = m.Index,
                Time = m.Time,
                Author = conversation.AuthorName(m),
                BySuspect = suspectId is not null && string.Equals(m.AuthorId, suspectId, StringComparison.Ordinal),
                Text = m.Text,
                Tactics = hitsByMessage.TryGetValue(i, out var hits)
                    ? hits.Select(h => new TacticMention(h.IndicatorId, names(h.IndicatorId), h.Evidence)).ToArray()
                    : [],
                Media = Media(m),
                Risk = i < analysis.Timeline.Count ? analysis.Timeline[i] : null,
            });
        }

        if (messages.Count > 0 && previous < messages.Count - 1)
        {
            gaps.Add(new TimelineGap(previous + 1, messages.Count - 1 - previous));
        }

        var images = messages.SelectMany(Media).Concat(
            (input.Evidence?.Items ?? []).Where(IsImageItem).Select(e => new MediaPlaceholder(e.Name, e.Sha256, e.Md5, null, true)))
            .ToArray();

        var custody = input.Evidence is { } ev && ev.Custody.Count > 0
            ? new CustodySummary(ev.Custody.Count, ev.Custody.Min(c => c.Time), ev.Custody.Max(c => c.Time), ev.CustodyVerified, ev.Custody.MaxBy(c => c.Sequence)?.EntryHash, ev.Custody)
            : null;

        var first = messages.Count > 0 ? messages[0].Time : MessageTime.Unknown;
        var last = messages.Count > 0 ? messages[^1].Time : MessageTime.Unknown;
        var platform = input.Platform ?? (conversation.Source == SourceApp.Unknown ? text["unknown"] : conversation.Source.ToString());
        var firstAlertTime = analysis.FirstAlert is int fa && fa >= 0 && fa < messages.Count ? messages[fa].Time : MessageTime.Unknown;

        return new ComplaintReportModel
        {
            CaseId = input.CaseId ?? input.Evidence?.CaseId ?? conversation.Id,
            Language = text.Language,
            GeneratedAt = time.GetUtcNow(),
            Reporter = input.Reporter,
            Platform = platform,
            ConversationTitle = conversation.Title,
            Suspect = suspect,
            Child = child,
            FirstMessage = first,
            LastMessage = last,
            MessageCount = messages.Count,
            FirstAlert = analysis.FirstAlert,
            FirstAlertTime = firstAlertTime,
            Summary = Summarise(text, input.Reporter, platform, child, suspect, first, last, messages, analysis, tactics, images.Length > 0),
            Level = analysis.Level,
            Risk = analysis.Risk,
            Alert = analysis.Alert,
            Tactics = tactics,
            Timeline = timeline,
            Gaps = gaps,
            FlaggedMessages = hitsByMessage.Count,
            Stages = analysis.Stages,
            AnalysisSource = input.AnalysisSource,
            Evidence = input.Evidence?.Items ?? [],
            Custody = custody,
            Images = images,
            Guidance = GuidanceCatalog.For(analysis, text.Language),
            Diagnostics = conversation.Diagnostics,
        };
    }

    private static Func<string, string> NameLookup(IReadOnlyList<IndicatorDefinition>? definitions, ReportText text)
    {
        if (definitions is null)
        {
            return text.Tactic;
        }

        var map = definitions.ToDictionary(d => d.Id, d => d.Name(text.Language), StringComparer.Ordinal);
        return id => map.TryGetValue(id, out var name) ? name : text.Tactic(id);
    }

    // Most serious first, so page 1 leads with threats and images even when the list is cut short.
    private static readonly string[] FamilyOrder = ["threat", "images", "meeting", "sexual", "isolation", "platform", "gifts", "deception", "trust", "probing", "disclosure"];

    private static Func<string, int> SeriousnessRank(IReadOnlyList<IndicatorDefinition>? definitions)
    {
        var severity = definitions?.ToDictionary(d => d.Id, d => (int)d.Severity, StringComparer.Ordinal);
        return id =>
        {
            int family = GuidanceCatalog.FamilyOf(id) is { } f && Array.IndexOf(FamilyOrder, f) is var i && i >= 0 ? i : FamilyOrder.Length;
            int sev = severity is not null && severity.TryGetValue(id, out var v) ? (int)IndicatorSeverity.Critical - v : 0;
            return (sev * 100) + family;
        };
    }

    private static string? GuessSuspect(Conversation conversation)
    {
        // Without a detector's suspect, the only honest guess is "the other person" in a two-person chat exported by the child's side.
        if (conversation.Participants.Count == 2)
        {
            var exporter = conversation.Participants.FirstOrDefault(p => p.IsExporter == true);
            if (exporter is not null)
            {
                return conversation.Participants.First(p => !ReferenceEquals(p, exporter)).Id;
            }
        }

        return null;
    }

    private static string? GuessChild(Conversation conversation, string? suspectId)
    {
        var others = conversation.Participants.Where(p => !string.Equals(p.Id, suspectId, StringComparison.Ordinal)).ToArray();
        return suspectId is not null && others.Length == 1 ? others[0].Id : others.FirstOrDefault(p => p.IsExporter == true)?.Id;
    }

    private static ReportPerson Person(Conversation conversation, string? id, IReadOnlyList<ParticipantIdentifier> extra, ReportText text)
    {
        var participant = id is null ? null : conversation.FindParticipant(id);
        var identifiers = (participant?.Identifiers ?? []).Concat(extra)
            .DistinctBy(i => (i.Kind, i.Value))
            .ToArray();
        return new ReportPerson(participant?.DisplayName ?? id ?? text["unknown"], id, identifiers);
    }

    private static IReadOnlyList<int> ChooseMessages(int count, IEnumerable<int> flagged, int max)
    {
        if (count <= max)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        var chosen = new SortedSet<int>();
        foreach (int i in flagged)
        {
            for (int j = i - 1; j <= i + 1; j++)
            {
                if (j >= 0 && j < count)
                {
                    chosen.Add(j);
                }
            }
        }

        return chosen.ToArray();
    }

    private static IReadOnlyList<MediaPlaceholder> Media(Message message)
    {
        if (message.Attachments.Count == 0)
        {
            return message.Kind == MessageKind.Media ? [new MediaPlaceholder(message.Text, null, null, message.Index, true)] : [];
        }

        return message.Attachments.Select(a => new MediaPlaceholder(
            a.FileName, a.Omitted ? null : a.Sha256, null, message.Index, a.Omitted || IsImageName(a.FileName, a.MediaType))).ToArray();
    }

    private static bool IsImageItem(EvidenceItemInfo item) => item.IsImage || IsImageName(item.Name, item.MediaType);

    private static bool IsImageName(string name, string? mediaType) =>
        (mediaType is not null && (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)))
        || ImageExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static string Summarise(
        ReportText text,
        ReporterInfo reporter,
        string platform,
        ReportPerson? child,
        ReportPerson suspect,
        MessageTime first,
        MessageTime last,
        IReadOnlyList<Message> messages,
        ConversationAnalysis analysis,
        IReadOnlyList<TacticSummary> tactics,
        bool hasMedia)
    {
        var suspectLabel = suspect.DisplayName;
        var mainId = suspect.Identifiers.FirstOrDefault(i => i.Kind is IdentifierKinds.Username or IdentifierKinds.ProfileUrl or IdentifierKinds.Phone);
        if (mainId is not null)
        {
            suspectLabel += $" ({text.IdentifierKind(mainId.Kind)} {mainId.Value})";
        }

        var parts = new List<string>
        {
            text.Format("summary.opening", reporter.Name, platform, child?.DisplayName ?? text["unknown"], suspectLabel, text.Time(first), text.Time(last), messages.Count),
            tactics.Count > 0
                ? text.Format("summary.tactics", string.Join(", ", tactics.Select(t => t.Name.ToLowerInvariant())))
                : text["summary.noTactics"],
        };

        bool Has(params string[] ids) => tactics.Any(t => ids.Contains(t.Id, StringComparer.Ordinal));
        if (Has("secrecy", "isolation"))
        {
            parts.Add(text["summary.secrecy"]);
        }

        if (Has("platform-move"))
        {
            parts.Add(text["summary.platform"]);
        }

        if (Has("meeting"))
        {
            parts.Add(text["summary.meeting"]);
        }

        if (Has("threat", "sextortion"))
        {
            int at = tactics.Where(t => t.Id is "threat" or "sextortion").Min(t => t.FirstMessage);
            parts.Add(text.Format("summary.threat", at, at < messages.Count ? text.Time(messages[at].Time) : text["unknown"]));
        }

        if (Has("child-sent-image") || (hasMedia && analysis.Level >= RiskLevel.High))
        {
            parts.Add(text["summary.image"]);
        }

        return string.Join(" ", parts);
    }
}
