using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amparo.Core.Text;

namespace Amparo.Core.Interchange;

/// <summary>
/// The public interchange format: JSONL, one conversation per line,
/// <c>{"id": "...", "messages": [{"author": "...", "time": "ISO-8601 | HH:MM | null", "text": "..."}]}</c>.
/// Unknown fields are ignored; fields are only ever added. Authors become participants whose id and display
/// name are the author string.
/// </summary>
public static class InterchangeJsonl
{
    /// <summary>Longest line accepted (characters); longer lines are reported, not read.</summary>
    public const int DefaultMaxLineLength = 64 * 1024 * 1024;

    /// <summary>Streams the records of a JSONL file. A bad line yields a record with a diagnostic and no conversation.</summary>
    public static async IAsyncEnumerable<InterchangeRecord> ReadAsync(
        TextReader reader,
        string fileName,
        int maxLineLength = DefaultMaxLineLength,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lines = new BoundedLineReader(reader, maxLineLength);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (lines.LastLineTruncated)
            {
                yield return new InterchangeRecord
                {
                    Line = lines.LineNumber,
                    Diagnostic = new ImportDiagnostic(DiagnosticSeverity.Error, fileName, lines.LineNumber,
                        $"line is longer than {maxLineLength:N0} characters; skipped"),
                };
                continue;
            }

            yield return ParseLine(line, fileName, lines.LineNumber);
        }
    }

    /// <summary>Parses one JSONL line.</summary>
    public static InterchangeRecord ParseLine(string line, string fileName, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Bad(fileName, lineNumber, "expected a JSON object with \"id\" and \"messages\"");
            }

            string id = root.TryGetProperty("id", out var idEl) && idEl.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? (idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : idEl.GetRawText())
                : $"{fileName}:{lineNumber}";
            if (!root.TryGetProperty("messages", out var msgs) || msgs.ValueKind != JsonValueKind.Array)
            {
                return Bad(fileName, lineNumber, $"conversation \"{id}\" has no \"messages\" array");
            }

            var diagnostics = new List<ImportDiagnostic>();
            var messages = new List<Message>(msgs.GetArrayLength());
            var participants = new List<Participant>();
            var seen = new Dictionary<string, Participant>(StringComparer.Ordinal);
            int i = 0;
            foreach (var m in msgs.EnumerateArray())
            {
                if (m.ValueKind != JsonValueKind.Object)
                {
                    diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, fileName, lineNumber, $"message {i} of \"{id}\" is not an object; skipped"));
                    continue;
                }

                string author = m.TryGetProperty("author", out var a) ? ValueAsString(a) ?? "" : "";
                string text = m.TryGetProperty("text", out var t) ? ValueAsString(t) ?? "" : "";
                var time = MessageTime.Unknown;
                if (m.TryGetProperty("time", out var tm) && tm.ValueKind == JsonValueKind.String
                    && !MessageTime.TryParseInterchange(tm.GetString(), out time))
                {
                    diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, lineNumber, $"message {i} of \"{id}\": time \"{tm.GetString()}\" is not ISO-8601 or HH:MM; kept without a time"));
                }

                if (author.Length > 0 && !seen.ContainsKey(author))
                {
                    var p = new Participant { Id = author, DisplayName = author };
                    seen.Add(author, p);
                    participants.Add(p);
                }

                messages.Add(new Message
                {
                    Index = messages.Count,
                    AuthorId = author,
                    Time = time,
                    Text = text,
                    Kind = author.Length == 0 ? MessageKind.System : MessageKind.Text,
                    Source = new SourceLocation { File = fileName, Line = lineNumber },
                });
                i++;
            }

            int? label = root.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out int lv) ? lv : null;
            if (label is null && l.ValueKind == JsonValueKind.True)
            {
                label = 1;
            }
            else if (label is null && l.ValueKind == JsonValueKind.False)
            {
                label = 0;
            }

            string? suspect = root.TryGetProperty("suspect", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            SourceApp source = root.TryGetProperty("source", out var src) && src.ValueKind == JsonValueKind.String
                && Enum.TryParse<SourceApp>(src.GetString(), ignoreCase: true, out var app) ? app : SourceApp.Interchange;
            string? title = root.TryGetProperty("title", out var ti) && ti.ValueKind == JsonValueKind.String ? ti.GetString() : null;

            return new InterchangeRecord
            {
                Line = lineNumber,
                Label = label,
                Suspect = suspect,
                Conversation = new Conversation
                {
                    Id = id,
                    Source = source,
                    Title = title,
                    Participants = participants,
                    Messages = messages,
                    Diagnostics = diagnostics,
                    SourceFile = fileName,
                },
            };
        }
        catch (JsonException ex)
        {
            return Bad(fileName, lineNumber, $"not valid JSON ({ex.Message})");
        }
    }

    private static string? ValueAsString(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };

    private static InterchangeRecord Bad(string file, long line, string message) => new()
    {
        Line = line,
        Diagnostic = new ImportDiagnostic(DiagnosticSeverity.Error, file, line, message),
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Chat text is full of non-ASCII (Spanish, emoji); keep it readable rather than \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Writes one conversation as one JSONL line (with the trailing newline).</summary>
    public static async Task WriteAsync(Stream output, Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Write(buffer, conversation);
        buffer.Write("\n"u8);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serialises one conversation (without newline) to a string.</summary>
    public static string ToJson(Conversation conversation)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Write(buffer, conversation);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(System.Buffers.IBufferWriter<byte> buffer, Conversation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var w = new Utf8JsonWriter(buffer, WriterOptions);
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("source", c.Source.ToString().ToLowerInvariant());
        if (c.Title is not null)
        {
            w.WriteString("title", c.Title);
        }

        w.WriteStartArray("messages");
        foreach (var m in c.Messages)
        {
            w.WriteStartObject();
            w.WriteString("author", m.Kind == MessageKind.System && m.AuthorId.Length == 0 ? "" : c.AuthorName(m));
            if (m.Time.ToInterchange() is { } time)
            {
                w.WriteString("time", time);
            }
            else
            {
                w.WriteNull("time");
            }

            w.WriteString("text", m.Text);
            if (m.Kind != MessageKind.Text)
            {
                w.WriteString("kind", m.Kind.ToString().ToLowerInvariant());
            }

            if (m.Attachments.Count > 0)
            {
                w.WriteStartArray("attachments");
                foreach (var att in m.Attachments)
                {
                    w.WriteStringValue(att.FileName);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
