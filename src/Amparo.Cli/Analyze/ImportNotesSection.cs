using System.Text.Json;
using Amparo.Core;

namespace Amparo.Cli.Analyze;

/// <summary>What the importer had to repair, guess or leave out in this conversation, each with file and line.</summary>
internal sealed class ImportNotesSection : IAnalyzeSection
{
    /// <summary>Notes beyond this many are summarised in the text report (all of them stay in the JSON).</summary>
    private const int MaxTextNotes = 20;

    public string Key => "importNotes";

    public ValueTask<IAnalyzeSectionResult?> AnalyzeAsync(Conversation conversation, AnalyzeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return ValueTask.FromResult<IAnalyzeSectionResult?>(new Result(conversation.Diagnostics));
    }

    /// <summary>One diagnostic as the report prints it: "warning: file:line: message".</summary>
    public static string Format(ImportDiagnostic d, AnalyzeText text)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(text);
        string where = d.Line is { } line ? $"{d.File}:{line}" : d.File;
        return $"{text.Severity(d.Severity)}: {where}: {d.Message}";
    }

    /// <summary>Writes a diagnostic as a JSON object (shared by the document's input notes).</summary>
    public static void WriteJson(Utf8JsonWriter w, ImportDiagnostic d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
        w.WriteString("file", d.File);
        if (d.Line is { } line)
        {
            w.WriteNumber("line", line);
        }
        else
        {
            w.WriteNull("line");
        }

        w.WriteString("message", d.Message);
        w.WriteEndObject();
    }

    private sealed record Result(IReadOnlyList<ImportDiagnostic> Diagnostics) : IAnalyzeSectionResult
    {
        public void WriteText(TextWriter w, AnalyzeContext context)
        {
            var t = context.Text;
            if (Diagnostics.Count == 0)
            {
                w.WriteLine($"  {t.ImportNotes}: {t.None}");
                return;
            }

            w.WriteLine($"  {t.ImportNotes} ({Diagnostics.Count}):");
            foreach (var d in Diagnostics.Take(MaxTextNotes))
            {
                w.WriteLine($"    - {Format(d, t)}");
            }

            if (Diagnostics.Count > MaxTextNotes)
            {
                w.WriteLine($"    … +{Diagnostics.Count - MaxTextNotes} (--json)");
            }
        }

        public void WriteJson(Utf8JsonWriter w, AnalyzeContext context)
        {
            w.WriteStartArray();
            foreach (var d in Diagnostics)
            {
                ImportNotesSection.WriteJson(w, d);
            }

            w.WriteEndArray();
        }
    }
}
