using System.Runtime.CompilerServices;
using System.Text;
using Amparo.Core;
using Amparo.Importers.Text;

namespace Amparo.Importers.Interchange;

/// <summary>
/// The interchange CSV: a required header <c>conversation_id,author,time,text</c> (any order, case-insensitive,
/// extra columns ignored), RFC 4180 quoting with multi-line fields. Streaming: consecutive rows with the same
/// conversation_id form one conversation. When an id comes back after other ids, its rows are <em>not</em>
/// merged into the earlier conversation (that would mean holding every conversation until the end of the file);
/// they become a separate conversation named <c>id (2)</c>, with a warning that says to sort the file.
/// </summary>
public sealed class InterchangeCsvImporter : IChatImporter
{
    /// <summary>How many distinct conversation ids are remembered to detect non-consecutive rows.</summary>
    public const int MaxTrackedIds = 1_000_000;

    /// <summary>A conversation longer than this is cut, with an error diagnostic.</summary>
    public const int MaxMessagesPerConversation = 1_000_000;

    public string Format => "csv";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName)
    {
        string text = TextDecoding.DecodeHead(head);
        int nl = text.IndexOfAny(['\r', '\n']);
        var columns = ParseHeader((nl < 0 ? text : text[..nl]).Split(','));
        return columns.Id >= 0 && columns.Text >= 0 && columns.Author >= 0;
    }

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        string file = input.FileName;
        var validated = new Utf8ValidatingStream(ProgressStream.Open(input));
        using var reader = new StreamReader(validated, TextDecoding.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new CsvRecordReader(reader, input.Options.MaxLineLength);
        var fields = new List<string>();
        Columns columns = default;
        bool header = true;
        Builder? current = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parts = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0;
        while (true)
        {
            bool more;
            ImportDiagnostic? failure = null;
            try
            {
                more = await csv.ReadAsync(fields, cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                more = false;
                failure = new ImportDiagnostic(DiagnosticSeverity.Error, file, csv.RecordLine,
                    $"the file is not valid UTF-8 from about this line on (saved as Latin-1 or another encoding?); {InterchangeJsonlImporter.Kept(count + (current is null ? 0 : 1))}");
            }

            if (!more)
            {
                if (current is not null)
                {
                    yield return ImportItem.Of(current.Build());
                    count++;
                }

                if (failure is null && validated.InvalidLine is { } bad)
                {
                    failure = new ImportDiagnostic(DiagnosticSeverity.Error, file, bad, Utf8ValidatingStream.Describe(count));
                }

                if (failure is not null)
                {
                    yield return ImportItem.Of(failure);
                }
                else if (header && validated.InvalidLine is null)
                {
                    yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, file, 1, "the CSV is empty; it needs the header conversation_id,author,time,text"));
                }
                else if (count == 0)
                {
                    yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Warning, file, null, "the CSV has a header but no rows"));
                }

                yield break;
            }

            if (header)
            {
                header = false;
                columns = ParseHeader(fields);
                if (columns.Id < 0 || columns.Text < 0 || columns.Author < 0)
                {
                    yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, file, csv.RecordLine,
                        $"the first line must be the header conversation_id,author,time,text (found: {string.Join(",", fields)})"));
                    yield break;
                }

                continue;
            }

            if (fields.Count <= Math.Max(columns.Id, Math.Max(columns.Author, columns.Text)))
            {
                var d = new ImportDiagnostic(DiagnosticSeverity.Error, file, csv.RecordLine,
                    $"the row has {fields.Count} column(s) where the header has {columns.Count}; skipped");
                if (current is not null)
                {
                    current.Diagnostics.Add(d);
                }
                else
                {
                    yield return ImportItem.Of(d);
                }

                continue;
            }

            string id = fields[columns.Id];
            if (current is null || !string.Equals(current.SourceId, id, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    yield return ImportItem.Of(current.Build());
                    count++;
                }

                current = new Builder(file, id, id);
                if (seen.Contains(id))
                {
                    int n = parts.TryGetValue(id, out int p) ? p + 1 : 2;
                    parts[id] = n;
                    current = new Builder(file, id, $"{id} ({n})");
                    current.Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, file, csv.RecordLine,
                        $"rows for conversation \"{id}\" appear again after other conversations; they are imported as a separate conversation \"{current.Id}\" (sort the file by conversation_id to keep them together)"));
                }
                else if (seen.Count < MaxTrackedIds)
                {
                    seen.Add(id);
                }
            }

            if (csv.Problem is { } problem)
            {
                current.Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, file, csv.RecordLine, problem));
            }

            string? time = columns.Time >= 0 && columns.Time < fields.Count ? fields[columns.Time] : null;
            current.Add(fields[columns.Author], time, fields[columns.Text], csv.RecordLine);
        }
    }

    private readonly record struct Columns(int Id, int Author, int Time, int Text, int Count);

    private static Columns ParseHeader(IReadOnlyList<string> header)
    {
        int id = -1, author = -1, time = -1, text = -1;
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Trim().Trim('"').Trim().TrimStart('\uFEFF');
            if (string.Equals(name, "conversation_id", StringComparison.OrdinalIgnoreCase))
            {
                id = i;
            }
            else if (string.Equals(name, "author", StringComparison.OrdinalIgnoreCase))
            {
                author = i;
            }
            else if (string.Equals(name, "time", StringComparison.OrdinalIgnoreCase))
            {
                time = i;
            }
            else if (string.Equals(name, "text", StringComparison.OrdinalIgnoreCase))
            {
                text = i;
            }
        }

        return new Columns(id, author, time, text, header.Count);
    }

    private sealed class Builder(string file, string sourceId, string id)
    {
        private readonly List<Message> _messages = [];
        private readonly List<Participant> _participants = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private bool _capped;

        public string SourceId => sourceId;

        public string Id => id;

        public List<ImportDiagnostic> Diagnostics { get; } = [];

        public void Add(string author, string? time, string text, long line)
        {
            if (_messages.Count >= MaxMessagesPerConversation)
            {
                if (!_capped)
                {
                    _capped = true;
                    Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, file, line, $"conversation \"{id}\" has more than {MaxMessagesPerConversation:N0} messages; the rest were not imported"));
                }

                return;
            }

            if (!MessageTime.TryParseInterchange(time, out var messageTime))
            {
                Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, file, line, $"time \"{time}\" is not ISO-8601 or HH:MM; kept without a time"));
            }

            if (author.Length > 0 && _seen.Add(author))
            {
                _participants.Add(new Participant { Id = author, DisplayName = author });
            }

            _messages.Add(new Message
            {
                Index = _messages.Count,
                AuthorId = author,
                Time = messageTime,
                Text = text,
                Kind = author.Length == 0 ? MessageKind.System : MessageKind.Text,
                Source = new SourceLocation { File = file, Line = line },
            });
        }

        public Conversation Build() => new()
        {
            Id = id,
            Source = SourceApp.Csv,
            Participants = _participants,
            Messages = _messages,
            Diagnostics = Diagnostics,
            SourceFile = file,
        };
    }
}
