using System.Globalization;
using Amparo.Core;

namespace Amparo.Cli.Analyze;

/// <summary>
/// Every user-facing string of <c>amparo analyze</c>, in English and Spanish. Sections added later keep their
/// own strings beside them in the same two languages.
/// </summary>
internal sealed record AnalyzeText
{
    public required string Language { get; init; }

    public required CultureInfo Culture { get; init; }

    public required Func<int, string, string> ConversationHeading { get; init; }

    public required string Source { get; init; }

    public required string File { get; init; }

    public required string Title { get; init; }

    public required string Participants { get; init; }

    public required string Exporter { get; init; }

    public required string Messages { get; init; }

    public required Func<int, int, int, int, string> KindBreakdown { get; init; }

    public required string Attachments { get; init; }

    public required string PerParticipant { get; init; }

    public required string Dates { get; init; }

    public required string NoTimes { get; init; }

    public required string TimesOfDayOnly { get; init; }

    public required string NoOffset { get; init; }

    public required string ImportNotes { get; init; }

    public required string None { get; init; }

    public required string InputNotes { get; init; }

    public required Func<int, int, int, string> Summary { get; init; }

    public required Func<int, int, string> Problems { get; init; }

    public required string NoConversations { get; init; }

    public required string MissingPath { get; init; }

    public required string Unusable { get; init; }

    public required Func<DiagnosticSeverity, string> Severity { get; init; }

    public required Func<SourceApp, string> App { get; init; }

    public static AnalyzeText English { get; } = new()
    {
        Language = "en",
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        ConversationHeading = (n, id) => $"Conversation {n}: {id}",
        Source = "Source",
        File = "File",
        Title = "Title",
        Participants = "Participants",
        Exporter = "exported the chat",
        Messages = "Messages",
        KindBreakdown = (text, media, system, deleted) => $"{text} text, {media} media, {system} system, {deleted} deleted",
        Attachments = "Attachments",
        PerParticipant = "By participant",
        Dates = "Dates",
        NoTimes = "the export gives no times",
        TimesOfDayOnly = "times of day only, no dates",
        NoOffset = "local time, the export gives no time zone",
        ImportNotes = "Import notes",
        None = "none",
        InputNotes = "Notes about the inputs",
        Summary = (conversations, messages, files) => $"{conversations} conversation(s), {messages} message(s) from {files} input(s).",
        Problems = (errors, warnings) => $"{errors} error(s) and {warnings} warning(s) while reading; see the notes above.",
        NoConversations = "No conversation could be read.",
        MissingPath = "no such file or folder",
        Unusable = "the input could not be used",
        Severity = s => s switch
        {
            DiagnosticSeverity.Info => "note",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Error => "error",
            _ => s.ToString(),
        },
        App = AppName,
    };

    public static AnalyzeText Spanish { get; } = new()
    {
        Language = "es",
        Culture = CultureInfo.GetCultureInfo("es-ES"),
        ConversationHeading = (n, id) => $"Conversación {n}: {id}",
        Source = "Origen",
        File = "Archivo",
        Title = "Título",
        Participants = "Participantes",
        Exporter = "exportó el chat",
        Messages = "Mensajes",
        KindBreakdown = (text, media, system, deleted) => $"{text} de texto, {media} multimedia, {system} del sistema, {deleted} eliminados",
        Attachments = "Adjuntos",
        PerParticipant = "Por participante",
        Dates = "Fechas",
        NoTimes = "la exportación no da horas",
        TimesOfDayOnly = "solo horas del día, sin fechas",
        NoOffset = "hora local, la exportación no indica la zona horaria",
        ImportNotes = "Notas de la importación",
        None = "ninguna",
        InputNotes = "Notas sobre las entradas",
        Summary = (conversations, messages, files) => $"{conversations} conversación(es), {messages} mensaje(s) de {files} entrada(s).",
        Problems = (errors, warnings) => $"{errors} error(es) y {warnings} aviso(s) al leer; vea las notas de arriba.",
        NoConversations = "No se pudo leer ninguna conversación.",
        MissingPath = "no existe el archivo o la carpeta",
        Unusable = "no se pudo usar la entrada",
        Severity = s => s switch
        {
            DiagnosticSeverity.Info => "nota",
            DiagnosticSeverity.Warning => "aviso",
            DiagnosticSeverity.Error => "error",
            _ => s.ToString(),
        },
        App = AppName,
    };

    public static AnalyzeText For(string? language) =>
        string.Equals(language, "es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;

    private static string AppName(SourceApp app) => app switch
    {
        SourceApp.WhatsApp => "WhatsApp",
        SourceApp.Telegram => "Telegram",
        SourceApp.Discord => "Discord",
        SourceApp.Instagram => "Instagram",
        SourceApp.Messenger => "Facebook Messenger",
        SourceApp.Sms => "SMS Backup & Restore",
        SourceApp.Pan2012 => "PAN-2012",
        SourceApp.Interchange => "Amparo JSONL",
        SourceApp.Csv => "CSV",
        SourceApp.Screenshot => "Screenshot",
        SourceApp.Unknown => "?",
        _ => app.ToString(),
    };
}
