using System.Globalization;
using Amparo.Core;

namespace Amparo.Importers.Pan2012;

/// <summary>
/// Turns the parsed pieces of one PAN-2012 <c>&lt;conversation&gt;</c> into a <see cref="Conversation"/>. Both
/// parsers (XmlReader and the fast scanner) feed this one builder, so they cannot disagree on the model.
/// </summary>
internal sealed class PanConversationBuilder(string fileName, int maxTextLength)
{
    /// <summary>A conversation longer than this is cut (with an error diagnostic) so one hostile element cannot exhaust memory.</summary>
    public const int MaxMessagesPerConversation = 1_000_000;

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"];

    private readonly List<Message> _messages = [];
    private readonly List<Participant> _participants = [];
    private readonly Dictionary<string, Participant> _seen = new(StringComparer.Ordinal);
    private readonly List<ImportDiagnostic> _diagnostics = [];
    private string _id = "";
    private long? _startLine;
    private bool _lineMismatchReported;
    private bool _capReported;

    public string FileName => fileName;

    public int MaxTextLength => maxTextLength;

    public void Start(string? id, long? line)
    {
        _messages.Clear();
        _participants.Clear();
        _seen.Clear();
        _diagnostics.Clear();
        _lineMismatchReported = false;
        _capReported = false;
        _startLine = line;
        if (string.IsNullOrEmpty(id))
        {
            _id = $"{fileName}:{line}";
            _diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, line, $"a conversation has no id; it is called \"{_id}\""));
        }
        else
        {
            _id = id;
        }
    }

    public void Add(string? lineAttribute, string author, string? time, string text, bool textTruncated, long? fileLine)
    {
        if (_messages.Count >= MaxMessagesPerConversation)
        {
            if (!_capReported)
            {
                _capReported = true;
                _diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, fileName, fileLine,
                    $"conversation \"{_id}\" has more than {MaxMessagesPerConversation:N0} messages; the rest were not imported"));
            }

            return;
        }

        int index = _messages.Count;
        if (!_lineMismatchReported && !string.Equals(lineAttribute, (index + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            _lineMismatchReported = true;
            _diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Info, fileName, fileLine,
                $"conversation \"{_id}\": message {index + 1} is numbered line=\"{lineAttribute}\"; messages are kept in file order"));
        }

        var messageTime = MessageTime.Unknown;
        if (!string.IsNullOrWhiteSpace(time))
        {
            if (TimeOnly.TryParseExact(time.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var tod))
            {
                messageTime = MessageTime.OfDay(tod);
            }
            else
            {
                _diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, fileLine, $"conversation \"{_id}\": time \"{time}\" is not HH:MM; kept without a time"));
            }
        }

        if (textTruncated)
        {
            _diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, fileName, fileLine,
                $"conversation \"{_id}\": a message text is longer than {maxTextLength:N0} characters; the rest was not imported"));
        }

        if (author.Length > 0 && !_seen.ContainsKey(author))
        {
            var p = new Participant { Id = author, DisplayName = author };
            _seen.Add(author, p);
            _participants.Add(p);
        }

        _messages.Add(new Message
        {
            Index = index,
            AuthorId = author,
            Time = messageTime,
            Text = text,
            Source = new SourceLocation { File = fileName, Line = fileLine },
        });
    }

    public Conversation Build() => new()
    {
        Id = _id,
        Source = SourceApp.Pan2012,
        Participants = [.. _participants],
        Messages = [.. _messages],
        Diagnostics = [.. _diagnostics],
        SourceFile = fileName,
    };

    public long? StartLine => _startLine;
}
