using System.CommandLine;
using Amparo.Reporting.Prevention;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo check-password [--lang es] [--personal NAME…]</c>: rates a password with zxcvbn. The password is
/// read from a no-echo prompt (or one line of standard input), never from the command line.
/// <c>--checklist</c> prints the device and account checklist instead.
/// </summary>
internal static class CheckPasswordCommand
{
    public static Command Create()
    {
        var lang = new Option<string?>("--lang") { Description = "en or es (default: from the locale)" };
        var personal = new Option<string[]>("--personal") { Description = "Names, birthdays or usernames a guesser would try first", AllowMultipleArgumentsPerToken = true };
        var checklist = new Option<bool>("--checklist") { Description = "Print the device and account checklist (no password asked)" };
        var command = new Command("check-password", "How hard a password is to guess (read from a hidden prompt or stdin, never the command line)") { lang, personal, checklist };
        command.SetAction(async (parseResult, ct) =>
        {
            var language = SecretPrompt.Language(parseResult.GetValue(lang));
            bool es = language == Amparo.Reporting.Languages.Spanish;
            if (parseResult.GetValue(checklist))
            {
                await Console.Out.WriteAsync(DescribeChecklist(language));
                return Cli.Ok;
            }

            var password = SecretPrompt.Read(es ? "Contraseña (no se mostrará): " : "Password (not shown): ", Console.In, Console.Error, !Console.IsInputRedirected);
            if (password.Length == 0)
            {
                throw new UsageException(es ? "no se recibió ninguna contraseña" : "no password was given");
            }

            var result = PasswordCheck.Evaluate(password, language, parseResult.GetValue(personal));
            await Console.Out.WriteAsync(Describe(result, language));
            return Cli.Ok;
        });
        return command;
    }

    internal static string Describe(PasswordAssessment result, string language)
    {
        bool es = language == Amparo.Reporting.Languages.Spanish;
        var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteLine($"{(es ? "Resultado" : "Result")}: {result.Verdict} ({result.Score}/4)");
        w.WriteLine($"{(es ? "Tiempo estimado para adivinarla" : "Estimated time to guess it")}: {result.CrackTime}");
        foreach (var advice in result.Advice)
        {
            w.WriteLine($"- {advice}");
        }

        w.WriteLine(es
            ? "Más pasos para el dispositivo y las cuentas: amparo check-password --checklist --lang es"
            : "More steps for the device and accounts: amparo check-password --checklist");
        return w.ToString();
    }

    internal static string DescribeChecklist(string language)
    {
        var list = PreventionChecklist.For(language);
        var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteLine(list.Title);
        foreach (var section in list.Sections)
        {
            w.WriteLine();
            w.WriteLine(section.Title);
            foreach (var item in section.Items)
            {
                w.WriteLine($"  [ ] {item.Text}");
            }
        }

        return w.ToString();
    }
}
