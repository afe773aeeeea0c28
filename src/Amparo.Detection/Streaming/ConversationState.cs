namespace Amparo.Detection.Streaming;

/// <summary>What one indicator hit contributes to the running state: a feature slot, whose tactic it is, and whether it is critical.</summary>
/// <param name="Slot">Index into the model's indicator families, or −1 when the model has no feature for it.</param>
/// <param name="Groomer">True for a tactic of the person grooming (counts toward the suspect).</param>
/// <param name="Critical">True for threats and sextortion: alert at once.</param>
public readonly record struct IndicatorEffect(int Slot, bool Groomer, bool Critical);

/// <summary>
/// The small running state of one conversation: message count, per-author sums of message scores, indicator
/// counts per family. No text is kept, so memory per conversation is bounded (at most
/// <see cref="MaxAuthors"/> authors are tracked by name; later ones share one slot).
/// </summary>
public sealed class ConversationState
{
    /// <summary>Authors tracked by name; the last slot collects everyone after that.</summary>
    public const int MaxAuthors = 16;

    internal struct AuthorSlot
    {
        public string Name;
        public int Count;
        public double SumText;
        public double SumRole;
        public int GroomerHits;
    }

    private readonly AuthorSlot[] _authors = new AuthorSlot[MaxAuthors];

    public ConversationState(int families)
    {
        FamilyCounts = new int[families];
    }

    /// <summary>Messages seen so far.</summary>
    public int Messages { get; private set; }

    internal double SumText { get; private set; }

    internal int Questions { get; private set; }

    internal int[] FamilyCounts { get; }

    internal int AuthorCount { get; private set; }

    /// <summary>Bit per indicator family (slot) of a groomer-party tactic seen so far.</summary>
    internal uint GroomerFamilies { get; private set; }

    internal ReadOnlySpan<AuthorSlot> Authors => _authors.AsSpan(0, AuthorCount);

    /// <summary>True once the conversation alerted; it stays true.</summary>
    public bool Alerted { get; internal set; }

    /// <summary>The message at which the alert first fired.</summary>
    public int? FirstAlert { get; internal set; }

    /// <summary>True once a critical indicator (threat, sextortion) was seen.</summary>
    public bool Critical { get; internal set; }

    /// <summary>The author of the first critical groomer-party indicator, if any.</summary>
    public string? CriticalAuthor { get; internal set; }

    /// <summary>The risk after the last message.</summary>
    public double Risk { get; internal set; }

    /// <summary>Messages that read as Spanish minus those that read as English (lines without cues count for neither).</summary>
    internal int SpanishLead { get; private set; }

    /// <summary>Lines with a language cue seen so far; after <see cref="LanguageSample"/> the language is settled.</summary>
    internal int LanguageCueLines { get; private set; }

    /// <summary>Lines with a cue after which the conversation's language is taken as settled (and no longer checked).</summary>
    public const int LanguageSample = 16;

    /// <summary>
    /// True when the model's language-independent layer scores this conversation: it reads as Spanish (the text
    /// model learned English only), or evaluation forced it.
    /// </summary>
    public bool LanguageIndependent => ForceLanguageIndependent || SpanishLead > 0;

    internal bool ForceLanguageIndependent { get; init; }

    internal void ObserveLanguage(int cue)
    {
        if (cue != 0)
        {
            LanguageCueLines++;
            SpanishLead += cue;
        }
    }

    /// <summary>Adds one message's scores; returns the author's slot.</summary>
    internal int Observe(string author, float text, float role, bool question, ReadOnlySpan<IndicatorEffect> effects)
    {
        int slot = SlotOf(author);
        ref var a = ref _authors[slot];
        a.Count++;
        a.SumText += text;
        a.SumRole += role;
        Messages++;
        SumText += text;
        if (question)
        {
            Questions++;
        }

        foreach (var e in effects)
        {
            if (e.Slot >= 0)
            {
                FamilyCounts[e.Slot]++;
                if (e.Groomer && e.Slot < 32)
                {
                    GroomerFamilies |= 1u << e.Slot;
                }
            }

            if (e.Groomer)
            {
                a.GroomerHits++;
            }

            if (e.Critical && !Critical)
            {
                Critical = true;
                CriticalAuthor = e.Groomer ? author : null;
            }
        }

        return slot;
    }

    private int SlotOf(string author)
    {
        for (int i = 0; i < AuthorCount; i++)
        {
            if (string.Equals(_authors[i].Name, author, StringComparison.Ordinal))
            {
                return i;
            }
        }

        if (AuthorCount < MaxAuthors)
        {
            _authors[AuthorCount].Name = author;
            return AuthorCount++;
        }

        // Crowded group chat: everyone past the limit shares the last slot, which is never named as suspect.
        _authors[MaxAuthors - 1].Name = "";
        return MaxAuthors - 1;
    }
}
