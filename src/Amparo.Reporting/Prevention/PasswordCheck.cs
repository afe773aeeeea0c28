namespace Amparo.Reporting.Prevention;

/// <summary>How strong a password is, explained in the reader's language.</summary>
/// <param name="Score">0 (guessed at once) to 4 (very hard to guess), from zxcvbn.</param>
/// <param name="Verdict">One line a person understands.</param>
/// <param name="CrackTime">Roughly how long a determined attacker would need, in words.</param>
/// <param name="Advice">What to do about it, most useful first.</param>
public sealed record PasswordAssessment(int Score, string Verdict, string CrackTime, IReadOnlyList<string> Advice)
{
    /// <summary>Good enough for an account that matters (score 3 or 4).</summary>
    public bool IsStrong => Score >= 3;
}

/// <summary>
/// Estimates password strength with zxcvbn (dictionary words, names, keyboard patterns, dates, repeats,
/// sequences). The password never leaves the process and is never logged or stored.
/// </summary>
public static class PasswordCheck
{
    private static readonly string[] VerdictsEn =
    [
        "Very weak: it would be guessed almost at once.",
        "Weak: it would be guessed quickly.",
        "Fair: better, but not for an account that matters.",
        "Strong.",
        "Very strong.",
    ];

    private static readonly string[] VerdictsEs =
    [
        "Muy débil: se adivinaría casi de inmediato.",
        "Débil: se adivinaría rápido.",
        "Regular: mejor, pero no para una cuenta importante.",
        "Segura.",
        "Muy segura.",
    ];

    /// <summary>Rates a password. <paramref name="personalWords"/> (names, birthdays, the username) make guesses that use them count as easy.</summary>
    public static PasswordAssessment Evaluate(string password, string? language, IEnumerable<string>? personalWords = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        bool es = Languages.Normalize(language) == Languages.Spanish;
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, personalWords?.ToArray() ?? []);
        int score = Math.Clamp(result.Score, 0, 4);
        var patterns = new HashSet<string>(result.MatchSequence.Select(m => m.Pattern ?? ""), StringComparer.Ordinal);

        var advice = new List<string>();
        if (score < 3)
        {
            if (password.Length < 12)
            {
                advice.Add(es ? "Hazla más larga: 12 caracteres o más." : "Make it longer: 12 characters or more.");
            }

            if (patterns.Contains("dictionary"))
            {
                advice.Add(es
                    ? "Contiene palabras o nombres comunes; cambiar letras por números (a→4) no ayuda mucho."
                    : "It contains common words or names; swapping letters for numbers (a→4) does not help much.");
            }

            if (patterns.Contains("spatial"))
            {
                advice.Add(es ? "Evita secuencias del teclado como qwerty o asdf." : "Avoid keyboard runs such as qwerty or asdf.");
            }

            if (patterns.Contains("repeat") || patterns.Contains("sequence"))
            {
                advice.Add(es ? "Evita repeticiones y secuencias (aaa, 1234, abcd)." : "Avoid repeats and sequences (aaa, 1234, abcd).");
            }

            if (patterns.Contains("date") || patterns.Contains("year"))
            {
                advice.Add(es ? "Evita fechas y años, sobre todo los de cumpleaños." : "Avoid dates and years, especially birthdays.");
            }

            advice.Add(es
                ? "Usa una frase de cuatro o más palabras sin relación entre sí."
                : "Use a phrase of four or more unrelated words.");
        }

        advice.Add(es ? "No la uses en ninguna otra cuenta." : "Do not use it for any other account.");
        return new PasswordAssessment(score, (es ? VerdictsEs : VerdictsEn)[score], DescribeSeconds(result.CrackTime, es), advice);
    }

    private static string DescribeSeconds(double seconds, bool es)
    {
        const double Minute = 60, Hour = 3600, Day = 86400, Year = 31_536_000;
        if (double.IsNaN(seconds) || seconds < Minute)
        {
            return es ? "menos de un minuto" : "less than a minute";
        }

        static string N(double v) => Math.Round(v).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return seconds switch
        {
            < Hour => es ? $"unos {N(seconds / Minute)} minutos" : $"about {N(seconds / Minute)} minutes",
            < Day => es ? $"unas {N(seconds / Hour)} horas" : $"about {N(seconds / Hour)} hours",
            < Year => es ? $"unos {N(seconds / Day)} días" : $"about {N(seconds / Day)} days",
            < 100 * Year => es ? $"unos {N(seconds / Year)} años" : $"about {N(seconds / Year)} years",
            _ => es ? "siglos" : "centuries",
        };
    }
}
