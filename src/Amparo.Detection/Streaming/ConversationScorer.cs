using Amparo.Detection.Indicators;
using Amparo.Detection.Model;

namespace Amparo.Detection.Streaming;

/// <summary>The model and the indicator matcher bound together: which feature slot each indicator feeds.</summary>
internal sealed class DetectorCore
{
    private readonly Dictionary<string, IndicatorEffect> _effects = new(StringComparer.Ordinal);

    public DetectorCore(GroomingModel model, IIndicatorMatcher? matcher)
    {
        Model = model;
        Matcher = matcher;
        if (matcher is null)
        {
            return;
        }

        foreach (var d in matcher.Definitions)
        {
            int slot = -1;
            for (int i = 0; i < model.Families.Count; i++)
            {
                if (string.Equals(model.Families[i], d.Family, StringComparison.Ordinal))
                {
                    slot = i;
                    break;
                }
            }

            _effects[d.Id] = new IndicatorEffect(slot, d.Party == IndicatorParty.Groomer, d.Severity == IndicatorSeverity.Critical);
        }
    }

    public GroomingModel Model { get; }

    public IIndicatorMatcher? Matcher { get; }

    /// <summary>
    /// Per-conversation indicator state: the catalogue's incremental checker when available (it adds the
    /// conversation-level cues such as age deception), otherwise the plain per-message matcher.
    /// </summary>
    public IndicatorSession? NewSession() => Matcher switch
    {
        null => null,
        IndicatorMatcher m => new IndicatorSession(new ConversationIndicatorState(m), null),
        var other => new IndicatorSession(null, other),
    };

    public IndicatorEffect EffectOf(string indicatorId) =>
        _effects.TryGetValue(indicatorId, out var e) ? e : new IndicatorEffect(-1, false, false);

    /// <summary>
    /// One causal step: adds a message's scores to the state, recomputes the risk, and fires the alert the
    /// first time the risk reaches the threshold or a critical indicator appears. Training replays use this
    /// same method, so the threshold is chosen on exactly the decision the scorer makes.
    /// </summary>
    public static bool Advance(GroomingModel model, ConversationState state, int index, string author, float text, float role, bool question, ReadOnlySpan<IndicatorEffect> effects)
    {
        state.Observe(author, text, role, question, effects);
        double risk = model.Risk(state);
        state.Risk = risk;
        if (!state.Alerted && (risk >= model.ThresholdFor(state) || state.Critical))
        {
            state.Alerted = true;
            state.FirstAlert = index;
            return true;
        }

        return false;
    }

    /// <summary>Distinct groomer-party tactic families that make the level at least Medium whatever the model says.</summary>
    public const int MediumFamilies = 3;

    public static RiskLevel Level(GroomingModel model, ConversationState s)
    {
        if (s.Critical)
        {
            return RiskLevel.Critical;
        }

        if (s.Alerted)
        {
            return RiskLevel.High;
        }

        // The statistical model only knows English; several different groomer tactics are worth a closer look
        // in any language.
        double threshold = model.ThresholdFor(s);
        if (s.Risk >= threshold / 2 || System.Numerics.BitOperations.PopCount(s.GroomerFamilies) >= MediumFamilies)
        {
            return RiskLevel.Medium;
        }

        bool groomerHits = false;
        foreach (ref readonly var a in s.Authors)
        {
            groomerHits |= a.GroomerHits > 0;
        }

        return s.Risk >= Math.Min(0.1, threshold / 4) || groomerHits ? RiskLevel.Low : RiskLevel.None;
    }

    /// <summary>The suspect is only named once the conversation alerted (explain, never accuse).</summary>
    public static string? Suspect(GroomingModel model, ConversationState s) => s.Alerted ? s.CriticalAuthor ?? model.LikelySuspect(s) : null;
}

/// <summary>Finds the indicators of one conversation message by message, causally.</summary>
internal sealed class IndicatorSession(ConversationIndicatorState? state, IIndicatorMatcher? matcher)
{
    private int _index;

    public void Push(string author, string text, bool isMedia, ICollection<IndicatorHit> hits)
    {
        if (state is not null)
        {
            state.Push(author, text, isMedia, hits);
        }
        else
        {
            matcher!.Match(text, _index, hits);
        }

        _index++;
    }
}

/// <summary>The result of pushing one message into a <see cref="ConversationScorer"/>.</summary>
public readonly record struct ScoreStep(int MessageIndex, double Risk, bool Alert, bool AlertFiredNow, RiskLevel Level);

/// <summary>
/// Scores one conversation message by message (not thread-safe; <see cref="StreamingDetector"/> wraps many).
/// Keeps only a <see cref="ConversationState"/>, never the text.
/// </summary>
public sealed class ConversationScorer
{
    private readonly DetectorCore _core;
    private readonly IndicatorSession? _indicators;
    private readonly List<IndicatorHit> _scratch = [];
    private IndicatorEffect[] _effects = new IndicatorEffect[8];

    internal ConversationScorer(DetectorCore core, bool forceLanguageIndependent = false)
    {
        _core = core;
        _indicators = core.NewSession();
        State = new ConversationState(core.Model.Families.Count) { ForceLanguageIndependent = forceLanguageIndependent };
    }

    public ConversationState State { get; }

    /// <summary>Messages pushed so far.</summary>
    public int Count { get; private set; }

    /// <summary>The suspect when alerted, else null.</summary>
    public string? Suspect => DetectorCore.Suspect(_core.Model, State);

    /// <summary>The author the role model finds most adult-groomer-like so far, alert or not.</summary>
    public string? LikelySuspect => State.CriticalAuthor ?? _core.Model.LikelySuspect(State);

    public RiskLevel Level => DetectorCore.Level(_core.Model, State);

    /// <summary>The indicator hits of the last pushed message (valid until the next push).</summary>
    internal List<IndicatorHit> LastHits => _scratch;

    /// <summary>Scores the next message; indicator hits found in it are appended to <paramref name="hits"/> when given.</summary>
    public ScoreStep Push(string author, string text, ICollection<IndicatorHit>? hits = null) => Push(author, text, false, hits);

    /// <summary>Scores the next message; <paramref name="isMedia"/> tells the indicators it is (or carries) an image or video.</summary>
    public ScoreStep Push(string author, string text, bool isMedia, ICollection<IndicatorHit>? hits)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(text);
        int index = Count++;
        int ne = 0;
        if (_indicators is not null)
        {
            _scratch.Clear();
            _indicators.Push(author, text, isMedia, _scratch);
            if (_scratch.Count > _effects.Length)
            {
                _effects = new IndicatorEffect[_scratch.Count * 2];
            }

            foreach (var h in _scratch)
            {
                _effects[ne++] = _core.EffectOf(h.IndicatorId);
                hits?.Add(h);
            }
        }

        if (State.LanguageCueLines < ConversationState.LanguageSample)
        {
            State.ObserveLanguage(Normalization.LanguageCues.Classify(text));
        }

        var (t, r, q) = _core.Model.ScoreMessage(text);
        bool fired = DetectorCore.Advance(_core.Model, State, index, author, t, r, q, _effects.AsSpan(0, ne));
        return new ScoreStep(index, State.Risk, State.Alerted, fired, Level);
    }
}
