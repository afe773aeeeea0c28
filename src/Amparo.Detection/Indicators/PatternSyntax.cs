using Amparo.Detection.Normalization;

namespace Amparo.Detection.Indicators;

/// <summary>How a pattern line treats negation and suppression.</summary>
internal enum PatternMode : byte
{
    /// <summary>Fires unless a negation cue precedes it within the window (when the indicator is negatable).</summary>
    Normal,
    /// <summary><c>!</c> prefix: fires only when negated ("you shouldn't tell your mom").</summary>
    RequiresNegation,
    /// <summary><c>=</c> prefix: fires whatever precedes it.</summary>
    IgnoreNegation,
    /// <summary><c>-</c> prefix: an exception; a hit of the same indicator overlapping it is dropped.</summary>
    Suppressor,
}

/// <summary>One element of a compiled pattern: a word (symbol) sequence part, or a gap between parts.</summary>
internal readonly record struct Gap(int Min, int Max);

/// <summary>A pattern line after parsing: parts of alternative symbol sequences separated by gaps.</summary>
internal sealed record ParsedPattern(
    int Entry,
    string Language,
    PatternMode Mode,
    bool AnchorStart,
    IReadOnlyList<IReadOnlyList<int[]>> Parts,
    IReadOnlyList<Gap> Gaps,
    int TrailingWords,
    string Source,
    int Line);

/// <summary>
/// Parses the pattern language of <c>patterns-*.txt</c>: words (normalised like chat text, so <c>don't</c>,
/// <c>mándame</c> and <c>u</c> are written naturally), <c>[a|b c]</c> alternatives, <c>?</c> for optional,
/// <c>#num</c> any number, <c>#phone</c> any phone number, <c>*</c> exactly one word, <c>..</c> up to three words,
/// <c>^</c> at the start to anchor at the message start.
/// </summary>
internal sealed class PatternParser
{
    public const int NumberSymbol = 1;
    public const int PhoneSymbol = 2;
    private const int FirstWordSymbol = 3;
    private const int MaxExpansions = 4096;

    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly TokenBuffer _buffer = new();

    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary;

    public int SymbolCount => _vocabulary.Count + FirstWordSymbol;

    public int Symbol(string word)
    {
        if (!_vocabulary.TryGetValue(word, out int id))
        {
            id = _vocabulary.Count + FirstWordSymbol;
            _vocabulary.Add(word, id);
        }

        return id;
    }

    /// <summary>The normalised words of a phrase, as symbols.</summary>
    public int[] Phrase(string text, string source, int line)
    {
        ChatTokenizer.Tokenize(text, _buffer);
        var syms = new int[_buffer.Count];
        for (int i = 0; i < _buffer.Count; i++)
        {
            var t = _buffer.Tokens[i];
            if (t.Kind is ChatTokenKind.Number or ChatTokenKind.Phone)
            {
                throw new IndicatorDataException($"{source} line {line}: literal number in '{text}'; write #num or #phone.");
            }

            syms[i] = Symbol(_buffer.Normalized(i).ToString());
        }

        return syms;
    }

    public ParsedPattern Parse(int entry, string language, string text, string source, int line)
    {
        var mode = PatternMode.Normal;
        string body = text.Trim();
        if (body.Length > 0 && body[0] is '!' or '=' or '-')
        {
            mode = body[0] switch
            {
                '!' => PatternMode.RequiresNegation,
                '=' => PatternMode.IgnoreNegation,
                _ => PatternMode.Suppressor,
            };
            body = body[1..].TrimStart();
        }

        bool anchor = false;
        if (body.StartsWith('^'))
        {
            anchor = true;
            body = body[1..].TrimStart();
        }

        var parts = new List<IReadOnlyList<int[]>>();
        var gaps = new List<Gap>();
        var current = new List<int[]> { Array.Empty<int>() };
        int i = 0;
        while (i < body.Length)
        {
            char c = body[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            List<int[]> alternatives;
            if (c == '[')
            {
                int close = body.IndexOf(']', i);
                if (close < 0)
                {
                    throw new IndicatorDataException($"{source} line {line}: '[' without ']'.");
                }

                string inner = body[(i + 1)..close];
                if (inner.Contains('[', StringComparison.Ordinal))
                {
                    throw new IndicatorDataException($"{source} line {line}: nested '[' is not supported.");
                }

                alternatives = [];
                foreach (string alt in inner.Split('|'))
                {
                    alternatives.Add(Element(alt.Trim(), source, line));
                }

                i = close + 1;
            }
            else
            {
                int end = i;
                while (end < body.Length && !char.IsWhiteSpace(body[end]) && body[end] != '[')
                {
                    end++;
                }

                string word = body[i..end];
                i = end;
                if (word.EndsWith('?') && word.Length > 1)
                {
                    word = word[..^1];
                    i--; // re-read the '?' below
                }

                if (word is "*" or "..")
                {
                    if (current.Count == 1 && current[0].Length == 0)
                    {
                        throw new IndicatorDataException($"{source} line {line}: a pattern cannot start with a gap.");
                    }

                    if (current.Exists(s => s.Length == 0))
                    {
                        throw new IndicatorDataException($"{source} line {line}: the words before a gap cannot be optional.");
                    }

                    parts.Add(current);
                    gaps.Add(word == "*" ? new Gap(1, 1) : new Gap(0, 3));
                    current = [Array.Empty<int>()];
                    if (i < body.Length && body[i] == '?')
                    {
                        throw new IndicatorDataException($"{source} line {line}: a gap cannot be optional.");
                    }

                    continue;
                }

                alternatives = [Element(word, source, line)];
            }

            if (i < body.Length && body[i] == '?')
            {
                alternatives.Add([]);
                i++;
            }

            var next = new List<int[]>();
            foreach (var prefix in current)
            {
                foreach (var alt in alternatives)
                {
                    next.Add([.. prefix, .. alt]);
                }
            }

            if (next.Count > MaxExpansions)
            {
                throw new IndicatorDataException($"{source} line {line}: the pattern expands to more than {MaxExpansions} phrases.");
            }

            current = next;
        }

        int trailing = 0;
        if (current.Count == 1 && current[0].Length == 0 && gaps.Count > 0)
        {
            // A gap at the end: the phrase must be followed by that many more words ("voy al colegio *").
            trailing = gaps[^1].Min;
            current = (List<int[]>)parts[^1];
            parts.RemoveAt(parts.Count - 1);
            gaps.RemoveAt(gaps.Count - 1);
        }

        current = current.Where(s => s.Length > 0).DistinctBy(s => string.Join(',', s)).ToList();
        if (current.Count == 0)
        {
            throw new IndicatorDataException($"{source} line {line}: the pattern matches nothing (empty or all optional).");
        }

        parts.Add(current);
        return new ParsedPattern(entry, language, mode, anchor, parts, gaps, trailing, source, line);
    }

    private int[] Element(string text, string source, int line)
    {
        if (text.Length == 0)
        {
            throw new IndicatorDataException($"{source} line {line}: empty alternative.");
        }

        return text switch
        {
            "#num" => [NumberSymbol],
            "#phone" => [PhoneSymbol],
            _ when text.StartsWith('#') => throw new IndicatorDataException($"{source} line {line}: unknown class '{text}' (use #num or #phone)."),
            _ => Phrase(text, source, line) is { Length: > 0 } words
                ? words
                : throw new IndicatorDataException($"{source} line {line}: '{text}' has no words after normalisation."),
        };
    }
}
