namespace Amparo.Detection.Normalization;

/// <summary>What a token is.</summary>
public enum ChatTokenKind : byte
{
    Word,
    /// <summary>A run of digits (an age, a time, a count).</summary>
    Number,
    /// <summary>Digit groups with seven or more digits in all (<c>555-123-4567</c>); normalised to the digits.</summary>
    Phone,
    /// <summary>An emoji, normalised to a <c>:name:</c> token.</summary>
    Emoji,
}

/// <summary>How a token was found.</summary>
[Flags]
public enum ChatTokenFlags : byte
{
    None = 0,
    /// <summary>The token begins a clause (after <c>. , ; ! ?</c> or a line break, or at the start).</summary>
    ClauseStart = 1,
    /// <summary>Letters repeated three or more times were squeezed (<c>pleeease</c>).</summary>
    Elongated = 2,
    /// <summary>Digits or symbols stood for letters (<c>s3xy</c>, <c>c@m</c>).</summary>
    Leet = 4,
    /// <summary>Single letters separated by dots, dashes or spaces were joined (<c>s.e.x</c>).</summary>
    Joined = 8,
    /// <summary>The token is one word of an abbreviation's expansion (<c>wyd</c> → <c>what are you doing</c>).</summary>
    Expanded = 16,
}

/// <summary>
/// One normalised token. <see cref="Start"/> and <see cref="Length"/> locate it in the ORIGINAL text (so evidence
/// can quote the words as written); the normalised form lives in the <see cref="TokenBuffer"/> that produced it.
/// The words of an expanded abbreviation all share the abbreviation's original span.
/// </summary>
public readonly record struct ChatToken(
    int Start,
    int Length,
    int NormStart,
    int NormLength,
    ChatTokenKind Kind,
    ChatTokenFlags Flags,
    int AltStart = 0,
    int AltLength = 0)
{
    /// <summary>End of the token in the original text (exclusive).</summary>
    public int End => Start + Length;
}

/// <summary>A token with its normalised text as a string: the allocating, convenient form of <see cref="ChatToken"/>.</summary>
public sealed record NormalizedToken(string Text, int Start, int Length, ChatTokenKind Kind, ChatTokenFlags Flags);

/// <summary>
/// Reusable storage for one message's tokens and their normalised characters. Reuse one per thread: tokenizing
/// into it allocates nothing once it has grown to the longest message seen.
/// </summary>
public sealed class TokenBuffer
{
    private char[] _norm = new char[256];
    private ChatToken[] _tokens = new ChatToken[32];

    /// <summary>Number of tokens.</summary>
    public int Count { get; private set; }

    /// <summary>The tokens, in text order.</summary>
    public ReadOnlySpan<ChatToken> Tokens => _tokens.AsSpan(0, Count);

    internal int NormLength { get; private set; }

    /// <summary>The normalised text of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Normalized(int index)
    {
        ref readonly var t = ref _tokens[index];
        return _norm.AsSpan(t.NormStart, t.NormLength);
    }

    /// <summary>For an elongated token, the form with letter runs kept at two (<c>telll</c> → <c>tell</c>); otherwise empty.</summary>
    public ReadOnlySpan<char> Alternative(int index)
    {
        ref readonly var t = ref _tokens[index];
        return _norm.AsSpan(t.AltStart, t.AltLength);
    }

    internal void Clear()
    {
        Count = 0;
        NormLength = 0;
    }

    /// <summary>Room for <paramref name="chars"/> more normalised characters at <see cref="NormLength"/>.</summary>
    internal Span<char> Reserve(int chars)
    {
        int needed = NormLength + chars;
        if (needed > _norm.Length)
        {
            Array.Resize(ref _norm, Math.Max(needed, _norm.Length * 2));
        }

        return _norm.AsSpan(NormLength, chars);
    }

    internal void Commit(int chars) => NormLength += chars;

    internal void Add(in ChatToken token)
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[Count++] = token;
    }
}
