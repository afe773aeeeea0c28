using System.Reflection;
using System.Text;

namespace Amparo.Detection.Normalization;

/// <summary>
/// The chat vocabulary the tokenizer rewrites: abbreviations and contractions (<c>wyd</c> → <c>what are you
/// doing</c>, <c>xq</c> → <c>porque</c>) and emoji tokens (😘 → <c>:kiss:</c>). Loaded from the embedded data files
/// <c>Normalization/Data/abbreviations.tsv</c> and <c>emoji.tsv</c>.
/// </summary>
public sealed class ChatLexicon
{
    /// <summary>The token an emoji gets when the table does not name it.</summary>
    public const string UnknownEmoji = ":emoji:";

    private static readonly Lazy<ChatLexicon> LazyDefault = new(LoadDefault);

    private readonly Dictionary<string, string[]> _abbreviations;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _abbreviationLookup;
    private readonly Dictionary<int, string> _emoji;

    /// <summary>Builds a lexicon from explicit tables (keys are folded the same way as chat text).</summary>
    public ChatLexicon(IEnumerable<KeyValuePair<string, string>> abbreviations, IEnumerable<KeyValuePair<string, string>> emoji)
    {
        ArgumentNullException.ThrowIfNull(abbreviations);
        ArgumentNullException.ThrowIfNull(emoji);
        _abbreviations = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, value) in abbreviations)
        {
            string folded = FoldPlain(key);
            string[] words = FoldPlain(value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (folded.Length == 0 || words.Length == 0)
            {
                throw new ArgumentException($"Empty abbreviation entry '{key}'.", nameof(abbreviations));
            }

            _abbreviations[folded] = words;
        }

        _abbreviationLookup = _abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        _emoji = [];
        foreach (var (key, value) in emoji)
        {
            _emoji[char.ConvertToUtf32(key, 0)] = value;
        }
    }

    /// <summary>The lexicon built from the embedded data files.</summary>
    public static ChatLexicon Default => LazyDefault.Value;

    /// <summary>Number of abbreviation entries.</summary>
    public int AbbreviationCount => _abbreviations.Count;

    /// <summary>The words an abbreviation stands for, or null.</summary>
    public string[]? Expand(ReadOnlySpan<char> folded) =>
        _abbreviationLookup.TryGetValue(folded, out var words) ? words : null;

    /// <summary>The token for an emoji code point (<see cref="UnknownEmoji"/> when it is not in the table).</summary>
    public string EmojiToken(int codePoint) => _emoji.TryGetValue(codePoint, out var token) ? token : UnknownEmoji;

    /// <summary>Lower case, accents and apostrophes removed: how table keys are compared with chat text.</summary>
    internal static string FoldPlain(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            var cls = CharFolding.Classify(c);
            if (cls == CharClass.Apostrophe)
            {
                continue;
            }

            sb.Append(cls == CharClass.Letter ? CharFolding.Fold(c) : c);
        }

        return sb.ToString().Trim();
    }

    private static ChatLexicon LoadDefault()
    {
        var asm = typeof(ChatLexicon).Assembly;
        return new ChatLexicon(
            ReadTsv(asm, "Amparo.Detection.Normalization.Data.abbreviations.tsv"),
            ReadTsv(asm, "Amparo.Detection.Normalization.Data.emoji.tsv"));
    }

    private static List<KeyValuePair<string, string>> ReadTsv(Assembly asm, string name)
    {
        using var stream = asm.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {asm.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var rows = new List<KeyValuePair<string, string>>();
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidDataException($"{name} line {lineNo}: expected 'key<TAB>value'.");
            }

            rows.Add(new(line[..tab], line[(tab + 1)..]));
        }

        return rows;
    }
}
