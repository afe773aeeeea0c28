using System.Collections.Frozen;

namespace Amparo.Detection.Normalization;

/// <summary>
/// A cheap guess at whether a chat line is English or Spanish, from very common function words and chat forms.
/// It only decides which conversation layer applies (the text model learned English only), so it needs to be
/// right about conversations, not about every line: a line without any cue word says nothing.
/// </summary>
public static class LanguageCues
{
    // Words frequent in one language and rare in the other (no "a", "me", "no", "te", "se": shared or ambiguous).
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "you", "your", "to", "and", "is", "are", "what", "my", "it", "that", "do", "dont", "don't", "im", "i'm",
        "have", "with", "for", "of", "this", "just", "lol", "wanna", "gonna", "how", "where", "when", "can", "would",
        "like", "u", "ur", "r", "wyd", "hey", "yeah", "yes", "was", "be", "not", "but", "if", "so", "we", "they", "he",
        "she", "did", "got", "about", "want", "know", "think", "really", "too",
    };

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "que", "de", "el", "la", "los", "las", "es", "eres", "estas", "esta", "tienes", "tengo", "por", "para",
        "con", "una", "pero", "como", "donde", "cuando", "quieres", "quiero", "hola", "jaja", "jajaja", "jeje", "si",
        "tu", "mi", "yo", "nadie", "nada", "muy", "bien", "algo", "ahora", "hoy", "mañana", "manana", "del", "al",
        "porque", "xq", "q", "pq", "vos", "sos", "soy", "estoy", "puedo", "puedes", "hace", "haces", "sabes", "mas",
        "más", "también", "tambien", "qué", "cómo", "dónde", "años", "anos", "tus", "fotos", "foto", "amigo", "amiga",
    };

    // One frozen table, one lookup per word: this runs on the hot path of the streaming scorer.
    private static readonly FrozenDictionary<string, sbyte> Cues =
        English.Select(w => KeyValuePair.Create(w, (sbyte)-1)).Concat(Spanish.Select(w => KeyValuePair.Create(w, (sbyte)1)))
            .ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, sbyte>.AlternateLookup<ReadOnlySpan<char>> CueLookup =
        Cues.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int LongestCue = Cues.Keys.Max(k => k.Length);

    /// <summary>+1 when the line reads as Spanish, −1 as English, 0 when it has no cue either way.</summary>
    public static int Classify(ReadOnlySpan<char> text)
    {
        int en = 0;
        // Spanish-only marks weigh more than a word.
        int es = text.IndexOfAny('¿', '¡', 'ñ') >= 0 ? 2 : 0;
        Span<char> word = stackalloc char[LongestCue];
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetter(text[i]) && text[i] != '\'')
            {
                i++;
            }

            int start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '\''))
            {
                i++;
            }

            int len = i - start;
            if (len == 0 || len > word.Length)
            {
                continue;
            }

            for (int k = 0; k < len; k++)
            {
                char c = text[start + k];
                word[k] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : char.ToLowerInvariant(c);
            }

            if (CueLookup.TryGetValue(word[..len], out sbyte cue))
            {
                if (cue > 0)
                {
                    es++;
                }
                else
                {
                    en++;
                }
            }
        }

        return es > en ? 1 : en > es ? -1 : 0;
    }
}
