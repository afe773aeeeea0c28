using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Amparo.Reporting.WhereToReport;

namespace Amparo.Cli.Commands;

/// <summary>
/// <c>amparo where-to-report [--country CO] [--lang es]</c>: where to report in a country (hotlines, police,
/// prosecutors), with each entry's source and the date it was checked. The country is guessed from the locale
/// (<c>LANG=es_CO.UTF-8</c>) when not given; unknown countries get INHOPE and the CyberTipline.
/// </summary>
internal static class WhereToReportCommand
{
    public static Command Create()
    {
        var country = new Option<string?>("--country", "-c") { Description = "Two-letter country code (CO, CL, ES, MX, AR, PE, US, GB, CA…); guessed from the locale when absent" };
        var lang = new Option<string?>("--lang") { Description = "en or es (default: from the locale)" };
        var json = new Option<bool>("--json") { Description = "Write the entry as JSON" };
        var command = new Command("where-to-report", "Where to report online grooming or sextortion in your country") { country, lang, json };
        command.SetAction(async (parseResult, ct) =>
        {
            var requested = parseResult.GetValue(country);
            var language = SecretPrompt.Language(parseResult.GetValue(lang));
            var langOption = parseResult.GetValue(lang);
            if (langOption is not null && !Amparo.Reporting.Languages.IsSupported(langOption))
            {
                throw new UsageException($"--lang {langOption}: use en or es");
            }

            string? guessedFrom = null;
            if (string.IsNullOrWhiteSpace(requested))
            {
                requested = ReportingDirectory.GuessCountry(Environment.GetEnvironmentVariable, CultureInfo.CurrentCulture);
                guessedFrom = requested is null ? null : "locale";
            }

            var answer = ReportingDirectory.Find(requested);
            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    requested = answer.Requested,
                    fallback = answer.IsFallback,
                    country = answer.Country,
                }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return Cli.Ok;
            }

            await Console.Out.WriteAsync(Describe(answer, language, guessedFrom));
            return Cli.Ok;
        });
        return command;
    }

    internal static string Describe(DirectoryAnswer answer, string language, string? guessedFrom)
    {
        bool es = language == Amparo.Reporting.Languages.Spanish;
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var c = answer.Country;
        if (answer.IsFallback)
        {
            w.WriteLine(answer.Requested is null
                ? (es ? "No se pudo saber tu país (usa --country CO, por ejemplo). Opciones internacionales:" : "Could not tell your country (use --country CO, for example). International options:")
                : (es ? $"Aún no hay datos para {answer.Requested}. Opciones internacionales; denuncia también ante la policía local:" : $"No entry for {answer.Requested} yet. International options; also report to your local police:"));
        }
        else
        {
            w.WriteLine(es ? $"Dónde denunciar en {c.Name("es")}" : $"Where to report in {c.Name("en")}");
            if (guessedFrom is not null)
            {
                w.WriteLine(es ? "(país deducido de la configuración regional; usa --country para cambiarlo)" : "(country guessed from your locale; use --country to change it)");
            }
        }

        if (c.Emergency is { } emergency)
        {
            w.WriteLine(es ? $"Si un menor corre peligro ahora: llama al {emergency}." : $"If a child is in danger right now: call {emergency}.");
        }

        w.WriteLine();
        foreach (var ch in c.Channels)
        {
            w.WriteLine($"* {ch.Name}");
            if (ch.Url is { } url)
            {
                w.WriteLine($"  {(es ? "Web" : "Web")}: {url}");
            }

            if (ch.Phone is { } phone)
            {
                w.WriteLine($"  {(es ? "Teléfono" : "Phone")}: {phone}");
            }

            if (ch.InPerson)
            {
                w.WriteLine(es ? "  También en persona en sus oficinas." : "  Also in person at its offices.");
            }

            w.WriteLine($"  {(es ? "Recibe" : "Takes")}: {ch.Accepts(language)}");
            w.WriteLine($"  {(es ? "Denuncia anónima" : "Anonymous reports")}: {ch.Anonymous switch { true => es ? "sí" : "yes", false => "no", null => es ? "no consta" : "not stated" }}");
            w.WriteLine($"  {(es ? "Fuente" : "Source")}: {ch.Source} ({(es ? "comprobado" : "checked")} {ch.Checked})");
            w.WriteLine();
        }

        w.WriteLine(es
            ? "Lleva la denuncia que prepara Amparo: amparo report CASO --lang es --out denuncia.pdf"
            : "Bring the report Amparo prepares: amparo report CASE --lang en --out report.pdf");
        return w.ToString();
    }
}
