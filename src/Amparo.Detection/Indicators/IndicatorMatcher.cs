using Amparo.Detection.Normalization;

namespace Amparo.Detection.Indicators;

/// <summary>Where an indicator or signal was found in one message, without allocating.</summary>
/// <param name="Entry">Index into <see cref="IndicatorMatcher.Definitions"/> for indicators; signals come after them.</param>
/// <param name="Start">Start of the matched words in the original text.</param>
/// <param name="Length">Length of the matched words in the original text.</param>
/// <param name="FirstToken">First token of the match.</param>
/// <param name="LastToken">Last token of the match (inclusive).</param>
public readonly record struct IndicatorMatch(int Entry, int Start, int Length, int FirstToken, int LastToken);

/// <summary>
/// The compiled catalogue: every EN and ES phrase of every indicator in one token automaton, plus the rules for
/// negation, exceptions and gaps. Immutable and thread-safe (scratch space is per thread). One message costs one
/// tokenizer pass, one dictionary lookup per token and one automaton step per token.
/// </summary>
public sealed class IndicatorMatcher : IIndicatorMatcher
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly IndicatorEntry[] _entries;
    private readonly IndicatorDefinition[] _definitions;
    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabulary;
    private readonly TokenAutomaton _automaton;
    private readonly PhraseInfo[] _phrases;
    private readonly CompositeInfo[] _composites;
    private readonly byte[] _negationCue;
    private readonly Dictionary<(string Id, string Language), int> _patternCounts;

    internal IndicatorMatcher(
        IndicatorEntry[] entries,
        IReadOnlyDictionary<string, int> vocabulary,
        TokenAutomaton automaton,
        PhraseInfo[] phrases,
        CompositeInfo[] composites,
        byte[] negationCue,
        Dictionary<(string Id, string Language), int> patternCounts)
    {
        _entries = entries;
        _definitions = entries.Where(e => e.Definition is not null).Select(e => e.Definition!).ToArray();
        for (int i = 0; i < _definitions.Length; i++)
        {
            if (entries[i].Definition is null)
            {
                throw new IndicatorDataException("Indicators must come before signals.");
            }
        }

        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Length; i++)
        {
            _index[entries[i].Id] = i;
        }

        var vocab = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        _vocabulary = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _automaton = automaton;
        _phrases = phrases;
        _composites = composites;
        _negationCue = negationCue;
        _patternCounts = patternCounts;
    }

    /// <summary>Every public indicator, message-level and conversation-level.</summary>
    public IReadOnlyList<IndicatorDefinition> Definitions => _definitions;

    /// <summary>Number of phrases in the automaton (after expanding alternatives).</summary>
    public int PhraseCount => _phrases.Length;

    public IndicatorDefinition? Find(string id) =>
        _index.TryGetValue(id, out int i) ? _entries[i].Definition : null;

    /// <summary>The entry index of an indicator or signal id, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out int i) ? i : -1;

    /// <summary>The id of an entry (indicator or signal).</summary>
    public string IdOf(int entry) => _entries[entry].Id;

    /// <summary>How many pattern lines an indicator or signal has in a language (<c>en</c>, <c>es</c>).</summary>
    public int PatternCount(string id, string language) =>
        _patternCounts.TryGetValue((id, language), out int n) ? n : 0;

    internal IndicatorEntry Entry(int entry) => _entries[entry];

    /// <summary>
    /// Appends one hit per message-level indicator found in <paramref name="text"/> (the earliest match), with the
    /// matched words quoted from the original text. Conversation-level indicators (<c>age-deception</c>,
    /// <c>child-sent-image</c>) need <see cref="ConversationIndicators"/>.
    /// </summary>
    public void Match(string text, int messageIndex, ICollection<IndicatorHit> hits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hits);
        var scratch = t_scratch ??= new Scratch();
        var found = scratch.Public;
        found.Clear();
        MatchSpans(text, found, includeSignals: false);
        foreach (var m in found)
        {
            hits.Add(new IndicatorHit(_entries[m.Entry].Id, messageIndex, text.Substring(m.Start, m.Length)));
        }
    }

    /// <summary>
    /// Finds indicators (and, when asked, the internal signals such as age claims) without allocating: one
    /// <see cref="IndicatorMatch"/> per entry found, in text order. Conversation-level indicators never appear here.
    /// </summary>
    public void MatchSpans(ReadOnlySpan<char> text, List<IndicatorMatch> matches, bool includeSignals = false)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var s = t_scratch ??= new Scratch();
        var buf = s.Buffer;
        ChatTokenizer.Tokenize(text, buf);
        int count = buf.Count;
        if (count == 0)
        {
            return;
        }

        var syms = s.Symbols(count);
        var tokens = buf.Tokens;
        for (int i = 0; i < count; i++)
        {
            syms[i] = SymbolOf(buf, i, tokens[i]);
        }

        var candidates = s.Candidates;
        candidates.Clear();
        int state = 0;
        for (int i = 0; i < count; i++)
        {
            state = _automaton.Step(state, syms[i]);
            if (state == 0)
            {
                continue;
            }

            foreach (int p in _automaton.Outputs(state))
            {
                candidates.Add(new Candidate(p, i - _phrases[p].Length + 1, i));
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        var accepted = s.Accepted;
        accepted.Clear();
        var suppressors = s.Suppressors;
        suppressors.Clear();
        foreach (var c in candidates)
        {
            ref readonly var info = ref _phrases[c.Phrase];
            if (info.Composite >= 0)
            {
                if (info.Part == 0)
                {
                    ResolveComposite(c, candidates, syms, buf, accepted, suppressors);
                }

                continue;
            }

            Consider(info.Entry, info.Language, info.Mode, info.Anchor, info.FirstIsCue, info.TrailingWords, c.First, c.Last, syms, buf, accepted, suppressors);
        }

        if (accepted.Count == 0)
        {
            return;
        }

        int before = matches.Count;
        foreach (var a in accepted)
        {
            if (!includeSignals && _entries[a.Entry].Scope != IndicatorScope.Message)
            {
                continue;
            }

            if (IsSuppressed(a, suppressors))
            {
                continue;
            }

            // One match per entry per message: keep the earliest (then the longest).
            int existing = -1;
            for (int k = before; k < matches.Count; k++)
            {
                if (matches[k].Entry == a.Entry)
                {
                    existing = k;
                    break;
                }
            }

            int start = tokens[a.First].Start;
            int end = tokens[a.Last].End;
            for (int t = a.First; t <= a.Last; t++)
            {
                end = Math.Max(end, tokens[t].End);
            }

            var match = new IndicatorMatch(a.Entry, start, end - start, a.First, a.Last);
            if (existing < 0)
            {
                matches.Add(match);
            }
            else if (a.First < matches[existing].FirstToken
                || (a.First == matches[existing].FirstToken && a.Last > matches[existing].LastToken))
            {
                matches[existing] = match;
            }
        }

        if (matches.Count - before > 1)
        {
            matches.Sort(before, matches.Count - before, StartComparer.Instance);
        }
    }

    /// <summary>The number in a matched range (the first number token), or null: used for age claims.</summary>
    internal static int? NumberIn(ReadOnlySpan<char> text, IndicatorMatch match)
    {
        int i = match.Start;
        int end = match.Start + match.Length;
        while (i < end && !char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        int value = 0;
        int digits = 0;
        while (i < end && char.IsAsciiDigit(text[i]) && digits < 4)
        {
            value = (value * 10) + (text[i] - '0');
            digits++;
            i++;
        }

        return digits == 0 ? null : value;
    }

    private int SymbolOf(TokenBuffer buf, int i, in ChatToken token)
    {
        switch (token.Kind)
        {
            case ChatTokenKind.Number:
                return PatternParser.NumberSymbol;
            case ChatTokenKind.Phone:
                return PatternParser.PhoneSymbol;
            case ChatTokenKind.Word:
            case ChatTokenKind.Emoji:
            default:
                if (_vocabulary.TryGetValue(buf.Normalized(i), out int sym))
                {
                    return sym;
                }

                if (token.AltLength > 0 && _vocabulary.TryGetValue(buf.Alternative(i), out sym))
                {
                    return sym;
                }

                return 0;
        }
    }

    private void ResolveComposite(Candidate first, List<Candidate> candidates, int[] syms, TokenBuffer buf, List<Span2> accepted, List<Span2> suppressors)
    {
        ref readonly var info = ref _phrases[first.Phrase];
        var comp = _composites[info.Composite];
        int last = first.Last;
        for (int part = 1; part < comp.Gaps.Length + 1; part++)
        {
            var gap = comp.Gaps[part - 1];
            int best = -1;
            foreach (var c in candidates)
            {
                ref readonly var ci = ref _phrases[c.Phrase];
                int distance = c.First - last - 1;
                if (ci.Composite == info.Composite && ci.Part == part && distance >= gap.Min && distance <= gap.Max
                    && (best < 0 || c.Last < best))
                {
                    best = c.Last;
                }
            }

            if (best < 0)
            {
                return;
            }

            last = best;
        }

        Consider(comp.Entry, comp.Language, comp.Mode, comp.Anchor, info.FirstIsCue, comp.TrailingWords, first.First, last, syms, buf, accepted, suppressors);
    }

    private void Consider(int entry, byte language, PatternMode mode, bool anchor, bool firstIsCue, int trailing, int first, int last, int[] syms, TokenBuffer buf, List<Span2> accepted, List<Span2> suppressors)
    {
        if ((anchor && first != 0) || last + trailing >= buf.Count)
        {
            return;
        }

        var e = _entries[entry];
        switch (mode)
        {
            case PatternMode.Suppressor:
                suppressors.Add(new Span2(entry, first, last));
                return;
            case PatternMode.RequiresNegation:
                if (!Negated(first, language, e.NegationWindow, syms, buf))
                {
                    return;
                }

                break;
            case PatternMode.Normal:
                if (e.Negatable && !firstIsCue && Negated(first, language, e.NegationWindow, syms, buf))
                {
                    return;
                }

                break;
            case PatternMode.IgnoreNegation:
                break;
        }

        accepted.Add(new Span2(entry, first, last));
    }

    /// <summary>True when a negation cue of the pattern's language occurs in the window before the match, within its clause.</summary>
    private bool Negated(int first, byte language, int window, int[] syms, TokenBuffer buf)
    {
        var tokens = buf.Tokens;
        byte mask = (byte)(1 << language);
        for (int k = first - 1; k >= 0 && k >= first - window; k--)
        {
            if ((tokens[k + 1].Flags & ChatTokenFlags.ClauseStart) != 0)
            {
                return false;
            }

            int sym = syms[k];
            if (sym > 0 && sym < _negationCue.Length && (_negationCue[sym] & mask) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSuppressed(Span2 a, List<Span2> suppressors)
    {
        foreach (var s in suppressors)
        {
            if (s.Entry == a.Entry && s.First <= a.Last && a.First <= s.Last)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct Candidate(int Phrase, int First, int Last);

    private readonly record struct Span2(int Entry, int First, int Last);

    private sealed class StartComparer : IComparer<IndicatorMatch>
    {
        public static readonly StartComparer Instance = new();

        public int Compare(IndicatorMatch x, IndicatorMatch y) =>
            x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Entry.CompareTo(y.Entry);
    }

    private sealed class Scratch
    {
        private int[] _symbols = new int[64];

        public TokenBuffer Buffer { get; } = new();

        public List<Candidate> Candidates { get; } = new(16);

        public List<Span2> Accepted { get; } = new(8);

        public List<Span2> Suppressors { get; } = new(4);

        public List<IndicatorMatch> Public { get; } = new(8);

        public int[] Symbols(int count)
        {
            if (_symbols.Length < count)
            {
                _symbols = new int[Math.Max(count, _symbols.Length * 2)];
            }

            return _symbols;
        }
    }
}

internal sealed record IndicatorEntry(string Id, IndicatorDefinition? Definition, IndicatorScope Scope, bool Negatable, int NegationWindow);

internal readonly record struct PhraseInfo(int Entry, byte Language, PatternMode Mode, bool Anchor, bool FirstIsCue, int Length, int Composite, int Part, int TrailingWords);

internal sealed record CompositeInfo(int Entry, byte Language, PatternMode Mode, bool Anchor, Gap[] Gaps, int TrailingWords);
