using System.Text;

namespace Amparo.Cli.Commands;

/// <summary>
/// Reads a secret (a passphrase, a password to check) without echoing it, or one line from standard input when
/// input is redirected. Secrets are never taken from the command line, where other users and shell history see them.
/// </summary>
internal static class SecretPrompt
{
    public static string Read(string prompt, TextReader input, TextWriter error, bool interactive)
    {
        if (!interactive)
        {
            return input.ReadLine() ?? "";
        }

        error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }

                continue;
            }

            if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        error.WriteLine();
        return secret.ToString();
    }

    /// <summary>The language for messages: <c>--lang</c>, else the locale in <c>LC_ALL</c>/<c>LANG</c>, else English.</summary>
    public static string Language(string? requested) =>
        Amparo.Reporting.Languages.Normalize(requested
            ?? Amparo.Reporting.WhereToReport.ReportingDirectory.LanguageFromLocale(Environment.GetEnvironmentVariable("LC_ALL"))
            ?? Amparo.Reporting.WhereToReport.ReportingDirectory.LanguageFromLocale(Environment.GetEnvironmentVariable("LANG")));
}
