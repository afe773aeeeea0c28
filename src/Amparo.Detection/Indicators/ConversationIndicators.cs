using Amparo.Core;

namespace Amparo.Detection.Indicators;

/// <summary>
/// Tracks the ages one participant claims and whether they mention adult life (a wife, driving, work, college):
/// claims that contradict each other (a 14 who is later 31: a minor's age and an adult's, three or more years
/// apart) or a teenage claim beside adult signals are the
/// <c>age-deception</c> cue. Small, fixed state: fits the streaming scorer.
/// </summary>
public sealed class AgeClaimTracker
{
    /// <summary>Claims outside this range are taken as something else (minutes, miles).</summary>
    public const int MinAge = 8;

    public const int MaxAge = 99;

    private const int MaxClaims = 8;
    private readonly List<int> _claims = new(2);

    /// <summary>The distinct ages claimed so far, first first (at most eight kept).</summary>
    public IReadOnlyList<int> Claims => _claims;

    public bool HasAdultSignal { get; private set; }

    /// <summary>True once a contradiction was found (reported once per participant).</summary>
    public bool Flagged { get; private set; }

    /// <summary>Records a claimed age; true when it makes the claims contradictory for the first time.</summary>
    public bool AddClaim(int age)
    {
        if (age is < MinAge or > MaxAge)
        {
            return false;
        }

        bool contradiction = false;
        foreach (int c in _claims)
        {
            // A minor's age beside an adult one, well apart: "also 14" and later "I'm 31".
            if (Math.Abs(c - age) >= 3 && Math.Min(c, age) <= 17 && Math.Max(c, age) >= 18)
            {
                contradiction = true;
            }
        }

        contradiction |= age <= 17 && HasAdultSignal;
        if (!_claims.Contains(age) && _claims.Count < MaxClaims)
        {
            _claims.Add(age);
        }

        return Flag(contradiction);
    }

    /// <summary>Records a mention of adult life; true when it contradicts an earlier teenage claim for the first time.</summary>
    public bool AddAdultSignal()
    {
        HasAdultSignal = true;
        return Flag(_claims.Exists(c => c <= 17));
    }

    private bool Flag(bool contradiction)
    {
        if (!contradiction || Flagged)
        {
            return false;
        }

        Flagged = true;
        return true;
    }
}

/// <summary>
/// The indicators of one conversation, message by message: the per-message phrases plus the rules that need
/// more than one message (<c>age-deception</c>, <c>child-sent-image</c>). Incremental and causal — what it reports
/// for message i depends only on messages 0..i — so the streaming scorer can keep one per conversation.
/// Not thread-safe: one conversation, one caller at a time.
/// </summary>
public sealed class ConversationIndicatorState
{
    /// <summary>How many messages after an image request a reply still counts as answering it.</summary>
    public const int ImageReplyWindow = 5;

    private readonly IndicatorMatcher _matcher;
    private readonly List<IndicatorMatch> _matches = new(8);
    private readonly Dictionary<string, AgeClaimTracker> _ages = new(StringComparer.Ordinal);
    private readonly int _imageRequest;
    private readonly int _ageClaim;
    private readonly int _adultSignal;
    private readonly int _sentImage;
    private readonly IndicatorDefinition? _ageDeception;
    private readonly IndicatorDefinition? _childSentImage;
    private int _lastRequestIndex = -1;
    private string? _lastRequestAuthor;

    public ConversationIndicatorState(IndicatorMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        _matcher = matcher;
        _imageRequest = matcher.IndexOf("image-request");
        _ageClaim = matcher.IndexOf("age-claim");
        _adultSignal = matcher.IndexOf("adult-signal");
        _sentImage = matcher.IndexOf("sent-image-text");
        _ageDeception = matcher.Find("age-deception");
        _childSentImage = matcher.Find("child-sent-image");
    }

    /// <summary>Messages seen so far (the index the next one gets).</summary>
    public int MessageCount { get; private set; }

    /// <summary>The age tracker of a participant, or null when they have said nothing yet.</summary>
    public AgeClaimTracker? Ages(string authorId) => _ages.GetValueOrDefault(authorId);

    /// <summary>Adds one message of the conversation; appends the indicators found in it.</summary>
    public void Push(Message message, ICollection<IndicatorHit> hits)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool media = message.Kind == MessageKind.Media || message.Attachments.Any(IsVisual);
        Push(message.AuthorId, message.Text, media, hits, message.Attachments.Count > 0 ? message.Attachments[0].FileName : null);
    }

    /// <summary>Adds one message given by its parts (the streaming form); appends the indicators found in it.</summary>
    /// <param name="authorId">Who wrote it.</param>
    /// <param name="text">The text as written.</param>
    /// <param name="isMedia">True when the message is (or carries) an image or video.</param>
    /// <param name="hits">Receives the hits, with this message's index.</param>
    /// <param name="mediaName">A name to quote for a media message without text.</param>
    public void Push(string authorId, string text, bool isMedia, ICollection<IndicatorHit> hits, string? mediaName = null)
    {
        ArgumentNullException.ThrowIfNull(authorId);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hits);
        int index = MessageCount++;
        _matches.Clear();
        _matcher.MatchSpans(text, _matches, includeSignals: true);
        bool requested = false;
        IndicatorMatch? sentText = null;
        foreach (var m in _matches)
        {
            var entry = _matcher.Entry(m.Entry);
            if (entry.Scope == IndicatorScope.Message)
            {
                hits.Add(new IndicatorHit(entry.Id, index, text.Substring(m.Start, m.Length)));
                requested |= m.Entry == _imageRequest;
                continue;
            }

            if (m.Entry == _ageClaim && _ageDeception is not null
                && IndicatorMatcher.NumberIn(text, m) is int age && Tracker(authorId).AddClaim(age))
            {
                hits.Add(new IndicatorHit(_ageDeception.Id, index, text.Substring(m.Start, m.Length)));
            }
            else if (m.Entry == _adultSignal && _ageDeception is not null && Tracker(authorId).AddAdultSignal())
            {
                hits.Add(new IndicatorHit(_ageDeception.Id, index, text.Substring(m.Start, m.Length)));
            }
            else if (m.Entry == _sentImage)
            {
                sentText = m;
            }
        }

        if (_childSentImage is not null && _lastRequestAuthor is not null
            && !string.Equals(_lastRequestAuthor, authorId, StringComparison.Ordinal)
            && index - _lastRequestIndex <= ImageReplyWindow
            && (isMedia || sentText is not null))
        {
            string evidence = sentText is { } s
                ? text.Substring(s.Start, s.Length)
                : text.Length > 0 ? text : mediaName ?? "[media]";
            hits.Add(new IndicatorHit(_childSentImage.Id, index, evidence));
            _lastRequestAuthor = null;
        }

        if (requested)
        {
            _lastRequestIndex = index;
            _lastRequestAuthor = authorId;
        }
    }

    private AgeClaimTracker Tracker(string authorId)
    {
        if (!_ages.TryGetValue(authorId, out var t))
        {
            t = new AgeClaimTracker();
            _ages[authorId] = t;
        }

        return t;
    }

    private static bool IsVisual(Attachment a) =>
        a.MediaType is null
        || a.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
        || a.MediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Runs <see cref="ConversationIndicatorState"/> over a whole conversation.</summary>
public static class ConversationIndicators
{
    /// <summary>Every indicator hit of the conversation, in message order, with the default catalogue.</summary>
    public static IReadOnlyList<IndicatorHit> Analyze(Conversation conversation) => Analyze(conversation, IndicatorCatalog.Default);

    /// <summary>Every indicator hit of the conversation, in message order.</summary>
    public static IReadOnlyList<IndicatorHit> Analyze(Conversation conversation, IndicatorMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var state = new ConversationIndicatorState(matcher);
        var hits = new List<IndicatorHit>();
        foreach (var m in conversation.Messages)
        {
            state.Push(m, hits);
        }

        return hits;
    }
}
