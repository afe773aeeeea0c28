using System.Runtime.CompilerServices;
using System.Text;
using Amparo.Core;
using Amparo.Importers.Text;

namespace Amparo.Importers.WhatsApp;

/// <summary>
/// Streams the messages of one WhatsApp "Export chat" text file. Participants and diagnostics are discovered as
/// the messages go by, so a chat of any size can be read in bounded memory: enumerate
/// <see cref="ReadMessagesAsync"/>, then read <see cref="Participants"/> and <see cref="Diagnostics"/>.
/// The day/month order is decided once for the whole file (a first pass over the dates) before any message is
/// returned, so every line is read the same way.
/// </summary>
public sealed class WhatsAppParser
{
    private const int MaxDiagnostics = 200;
    private const long ProgressEvery = 16L << 20;

    private readonly ImportInput _input;
    private readonly List<Participant> _participants = [];
    private readonly Dictionary<string, Participant> _byName = new(StringComparer.Ordinal);
    private readonly List<ImportDiagnostic> _diagnostics = [];
    private readonly AttachmentLinker _linker;
    private int _suppressedDiagnostics;

    /// <summary>Creates a parser over an input whose <see cref="ImportInput.Open"/> can be called twice.</summary>
    public WhatsAppParser(ImportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _linker = new AttachmentLinker(input);
    }

    /// <summary>Everyone who wrote a message so far, in order of first appearance.</summary>
    public IReadOnlyList<Participant> Participants => _participants;

    /// <summary>Problems found so far (bad lines, cut lines, encoding).</summary>
    public IReadOnlyList<ImportDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The date order used, once <see cref="ReadMessagesAsync"/> has started.</summary>
    public WhatsAppDateOrder? DateOrder { get; private set; }

    /// <summary>Cheap content sniffing: the first non-empty line of the file is a WhatsApp message header.</summary>
    public static bool LooksLikeWhatsApp(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        string text = TextEncodingSniffer.DecodeHead(head[..Math.Min(head.Length, 8192)]);
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range].TrimEnd('\r');
            if (WhatsAppLine.CleanName(line).IsEmpty)
            {
                continue;
            }

            return WhatsAppLine.TryParseHeader(line, out _);
        }

        return false;
    }

    /// <summary>Streams the messages, oldest first as in the file.</summary>
    public async IAsyncEnumerable<Message> ReadMessagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var order = DateOrder ?? await InferDateOrderAsync(cancellationToken).ConfigureAwait(false);
        DateOrder = order;
        var (encoding, bom) = await SniffEncodingAsync(cancellationToken).ConfigureAwait(false);
        if (encoding == TextEncodingKind.Latin1)
        {
            Add(DiagnosticSeverity.Warning, null, "the file is not valid UTF-8 or UTF-16; it was read as Latin-1, so accented letters and emoji may be wrong");
        }

        var reader = new DecodedLineReader(_input.Open(), encoding, bom, _input.Options.MaxLineLength);
        await using (reader.ConfigureAwait(false))
        {
            var state = new ParseState(this, order);
            long nextProgress = ProgressEvery;
            while (true)
            {
                while (state.TryNext(reader, out var message))
                {
                    yield return await _linker.LinkAsync(message, cancellationToken).ConfigureAwait(false);
                }

                if (!await reader.FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                if (reader.BytesRead >= nextProgress && _input.Options.Progress is { } progress)
                {
                    progress.Report(new ImportProgress(_input.FileName, reader.BytesRead, _input.Length));
                    nextProgress = reader.BytesRead + ProgressEvery;
                }
            }

            if (state.Flush(out var last))
            {
                yield return await _linker.LinkAsync(last, cancellationToken).ConfigureAwait(false);
            }

            state.Finish(reader);
            foreach (var problem in _linker.Problems)
            {
                Add(problem.Severity, problem.Line, problem.Message);
            }

            _input.Options.Progress?.Report(new ImportProgress(_input.FileName, reader.BytesRead, _input.Length));
        }
    }

    /// <summary>
    /// First pass: reads every header date and decides whether the file writes the day or the month first.
    /// Evidence is a field above 12; when no date has one, the order under which the dates run forward wins.
    /// </summary>
    public async Task<WhatsAppDateOrder> InferDateOrderAsync(CancellationToken cancellationToken = default)
    {
        var (encoding, bom) = await SniffEncodingAsync(cancellationToken).ConfigureAwait(false);
        var votes = new DateVotes();
        if (encoding is TextEncodingKind.Utf8 or TextEncodingKind.Latin1)
        {
            // Headers are ASCII up front, so this pass works on raw bytes and decodes only a line's first bytes.
            await ScanBytesAsync(votes, encoding, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var reader = new DecodedLineReader(_input.Open(), encoding, bom, _input.Options.MaxLineLength);
            await using (reader.ConfigureAwait(false))
            {
                do
                {
                    while (reader.TryReadLine(out var line, out _))
                    {
                        votes.ScanLine(line);
                    }
                }
                while (await reader.FillAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        var order = votes.Decide(out string? note);
        if (note is not null)
        {
            Add(DiagnosticSeverity.Info, null, note);
        }

        DateOrder = order;
        return order;
    }

    private async Task ScanBytesAsync(DateVotes votes, TextEncodingKind encoding, CancellationToken cancellationToken)
    {
        var stream = _input.Open();
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 20];
            int length = 0;
            bool skipping = false;
            while (true)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    if (length > 0 && !skipping)
                    {
                        votes.ScanBytes(buffer.AsSpan(0, length), encoding);
                    }

                    return;
                }

                length += n;
                int consumed = votes.ScanBuffer(buffer.AsSpan(0, length), encoding, ref skipping);
                if (consumed == 0 && length == buffer.Length)
                {
                    // One line fills the whole buffer: its start was looked at; drop the rest of it.
                    votes.ScanBytes(buffer.AsSpan(0, length), encoding);
                    skipping = true;
                    length = 0;
                    continue;
                }

                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
            }
        }
    }

    private async Task<(TextEncodingKind Kind, int Bom)> SniffEncodingAsync(CancellationToken cancellationToken)
    {
        var stream = _input.Open();
        await using (stream.ConfigureAwait(false))
        {
            var head = new byte[4096];
            int total = 0;
            while (total < head.Length)
            {
                int n = await stream.ReadAsync(head.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            var kind = TextEncodingSniffer.Detect(head.AsSpan(0, total), out int bom);
            return (kind, bom);
        }
    }

    private void Add(DiagnosticSeverity severity, long? line, string message)
    {
        if (_diagnostics.Count >= MaxDiagnostics)
        {
            _suppressedDiagnostics++;
            return;
        }

        _diagnostics.Add(new ImportDiagnostic(severity, _input.FileName, line, message));
    }

    private Participant ParticipantFor(ReadOnlySpan<char> rawName)
    {
        var name = WhatsAppLine.CleanName(rawName);
        var lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        string id = name.ToString();
        // "~ Name": someone not in the exporter's contacts, shown with the name they chose.
        var display = id.AsSpan();
        if (display.Length > 1 && display[0] == '~')
        {
            display = WhatsAppLine.CleanName(display[1..]);
        }

        var identifiers = LooksLikePhone(display) ? new[] { new ParticipantIdentifier(IdentifierKinds.Phone, display.ToString()) } : [];
        var p = new Participant { Id = id, DisplayName = display.IsEmpty ? id : display.ToString(), Identifiers = identifiers };
        _byName.Add(id, p);
        _participants.Add(p);
        return p;
    }

    private static bool LooksLikePhone(ReadOnlySpan<char> s)
    {
        if (s.Length < 6 || s[0] != '+')
        {
            return false;
        }

        int digits = 0;
        foreach (char c in s[1..])
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '\u00A0'))
            {
                return false;
            }
        }

        return digits >= 5;
    }

    /// <summary>Counts what the header dates say about the day/month order.</summary>
    private sealed class DateVotes
    {
        private long _dayFirst;
        private long _monthFirst;
        private long _ambiguous;
        private long _meridiem;
        private long _dottedMeridiem;
        private readonly byte[] _lastDate = new byte[12];
        private int _lastDateLength = -1;
        private long _backwardsIfDayFirst;
        private long _backwardsIfMonthFirst;
        private DateTime? _prevDayFirst;
        private DateTime? _prevMonthFirst;

        /// <summary>Scans the complete lines of a byte buffer; returns how many bytes were consumed.</summary>
        public int ScanBuffer(ReadOnlySpan<byte> buffer, TextEncodingKind encoding, ref bool skipping)
        {
            int start = 0;
            while (true)
            {
                int nl = buffer[start..].IndexOf((byte)'\n');
                if (nl < 0)
                {
                    return start;
                }

                if (!skipping)
                {
                    ScanBytes(buffer.Slice(start, nl), encoding);
                }

                skipping = false;
                start += nl + 1;
            }
        }

        public void ScanBytes(ReadOnlySpan<byte> line, TextEncodingKind encoding)
        {
            // A header starts with a digit, '[', or a mark / BOM (UTF-8 lead bytes E2 / EF); anything else is a continuation.
            if (line.IsEmpty || line[0] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'[' or 0xE2 or 0xEF or 0xC2))
            {
                return;
            }

            // Most lines share their date with the line before (many messages a day): same date bytes, same vote.
            int same = Math.Min(line.Length, 12);
            if (same == _lastDateLength && line[..same].SequenceEqual(_lastDate.AsSpan(0, same)))
            {
                return;
            }

            line[..same].CopyTo(_lastDate);
            _lastDateLength = same;
            Span<char> chars = stackalloc char[64];
            var head = line[..Math.Min(line.Length, 48)];
            int count = encoding == TextEncodingKind.Latin1
                ? Encoding.Latin1.GetChars(head, chars)
                : Encoding.UTF8.GetChars(head, chars);
            ScanLine(chars[..count]);
        }

        public void ScanLine(ReadOnlySpan<char> line)
        {
            if (line.IsEmpty || !WhatsAppLine.TryParseHeader(line, out var h) || h.YearFirst)
            {
                return;
            }

            if (h.Meridiem != 0)
            {
                if (h.MeridiemDotted)
                {
                    _dottedMeridiem++;
                }
                else
                {
                    _meridiem++;
                }
            }

            if (h.A > 12 && h.B <= 12)
            {
                _dayFirst++;
            }
            else if (h.B > 12 && h.A <= 12)
            {
                _monthFirst++;
            }
            else if (h.A <= 12 && h.B <= 12)
            {
                _ambiguous++;
                if (_dayFirst == 0 && _monthFirst == 0)
                {
                    Track(h, WhatsAppDateOrder.DayFirst, ref _prevDayFirst, ref _backwardsIfDayFirst);
                    Track(h, WhatsAppDateOrder.MonthFirst, ref _prevMonthFirst, ref _backwardsIfMonthFirst);
                }
            }
        }

        private static void Track(in WhatsAppHeader h, WhatsAppDateOrder order, ref DateTime? prev, ref long backwards)
        {
            if (WhatsAppLine.TryGetDateTime(h, order, out var t))
            {
                if (prev is { } p && t < p)
                {
                    backwards++;
                }

                prev = t;
            }
        }

        public WhatsAppDateOrder Decide(out string? note)
        {
            note = null;
            if (_dayFirst == 0 && _monthFirst == 0 && _ambiguous == 0)
            {
                return WhatsAppDateOrder.YearFirst;
            }

            if (_dayFirst > 0 && _monthFirst > 0)
            {
                var winner = _dayFirst >= _monthFirst ? WhatsAppDateOrder.DayFirst : WhatsAppDateOrder.MonthFirst;
                note = FormattableString.Invariant(
                    $"dates are written both day-first ({_dayFirst} lines) and month-first ({_monthFirst} lines); read as {Describe(winner)}, and lines whose date is impossible that way were kept inside the previous message");
                return winner;
            }

            if (_dayFirst > 0)
            {
                return WhatsAppDateOrder.DayFirst;
            }

            if (_monthFirst > 0)
            {
                return WhatsAppDateOrder.MonthFirst;
            }

            WhatsAppDateOrder guess = _backwardsIfDayFirst < _backwardsIfMonthFirst ? WhatsAppDateOrder.DayFirst
                : _backwardsIfMonthFirst < _backwardsIfDayFirst ? WhatsAppDateOrder.MonthFirst
                : _meridiem > _dottedMeridiem ? WhatsAppDateOrder.MonthFirst : WhatsAppDateOrder.DayFirst;
            note = $"no date in the file shows whether the day or the month comes first; read as {Describe(guess)} (the order under which the messages run forward in time; failing that, month first for an AM/PM clock, day first otherwise, as Spanish locales write it)";
            return guess;
        }

        private static string Describe(WhatsAppDateOrder order) => order switch
        {
            WhatsAppDateOrder.DayFirst => "day/month/year",
            WhatsAppDateOrder.MonthFirst => "month/day/year",
            WhatsAppDateOrder.YearFirst => "year/month/day",
        };
    }

    /// <summary>The synchronous line loop: spans never cross an await.</summary>
    private sealed class ParseState(WhatsAppParser owner, WhatsAppDateOrder order)
    {
        private readonly int _maxText = owner._input.Options.MaxLineLength;
        private readonly string _file = owner._input.FileName;
        private bool _hasPending;
        private long _pendLine;
        private DateTime _pendTime;
        private string _pendAuthor = "";
        private MessageKind _pendKind;
        private string? _pendAttachment;
        private bool _pendOmitted;
        private string? _pendFirst;
        private StringBuilder? _pendBuilder;
        private bool _pendCut;
        private int _index;
        private long _orphanLines;
        private long _firstOrphanLine;

        public bool TryNext(DecodedLineReader reader, out Message message)
        {
            while (reader.TryReadLine(out var line, out bool truncated))
            {
                if (truncated)
                {
                    owner.Add(DiagnosticSeverity.Warning, reader.LineNumber, $"line is longer than {_maxText:N0} characters; the rest of it was left out");
                }

                if (reader.LineNumber == 1 && !line.IsEmpty && line[0] == '\uFEFF')
                {
                    line = line[1..];
                }

                if (WhatsAppLine.TryParseHeader(line, out var h))
                {
                    if (WhatsAppLine.TryGetDateTime(h, order, out var time))
                    {
                        bool had = _hasPending;
                        Message done = had ? Build() : null!;
                        Start(line, h, time, reader.LineNumber);
                        if (had)
                        {
                            message = done;
                            return true;
                        }

                        continue;
                    }

                    owner.Add(DiagnosticSeverity.Warning, reader.LineNumber,
                        "line starts like a message but its date does not exist in the file's date order; kept as part of the previous message");
                }

                Continue(line, reader.LineNumber);
            }

            message = null!;
            return false;
        }

        public bool Flush(out Message message)
        {
            if (_hasPending)
            {
                message = Build();
                return true;
            }

            message = null!;
            return false;
        }

        public void Finish(DecodedLineReader reader)
        {
            if (_orphanLines > 0)
            {
                owner.Add(_index == 0 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, _firstOrphanLine,
                    _index == 0
                        ? $"no WhatsApp message line found ({_orphanLines:N0} lines not recognised)"
                        : $"{_orphanLines:N0} lines before the first message were not recognised and were left out");
            }

            if (reader.FirstReplacementLine is { } bad)
            {
                owner.Add(DiagnosticSeverity.Warning, bad, "the file has bytes that are not valid text in its encoding; they were replaced with U+FFFD");
            }

            if (owner._suppressedDiagnostics > 0)
            {
                owner._diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Info, _file, null,
                    $"{owner._suppressedDiagnostics:N0} more diagnostics were not listed"));
            }
        }

        private void Start(ReadOnlySpan<char> line, in WhatsAppHeader h, DateTime time, long lineNumber)
        {
            _hasPending = true;
            _pendLine = lineNumber;
            _pendTime = time;
            _pendBuilder?.Clear();
            _pendCut = false;
            var rest = line[h.TextStart..];
            int authorEnd = WhatsAppLine.FindAuthorEnd(rest);
            ReadOnlySpan<char> text;
            if (authorEnd < 0)
            {
                _pendAuthor = "";
                _pendKind = MessageKind.System;
                _pendAttachment = null;
                text = rest;
            }
            else
            {
                text = authorEnd + 2 <= rest.Length ? rest[(authorEnd + 2)..] : [];
                _pendKind = WhatsAppMarkers.Classify(text, out _pendAttachment, out _pendOmitted);
                // iOS writes group events as if the group had said them, with a leading U+200E.
                if (_pendKind == MessageKind.Text && !text.IsEmpty && text[0] == '\u200E')
                {
                    _pendAuthor = "";
                    _pendKind = MessageKind.System;
                }
                else
                {
                    _pendAuthor = owner.ParticipantFor(rest[..authorEnd]).Id;
                }
            }

            while (!text.IsEmpty && text[0] == '\u200E')
            {
                text = text[1..];
            }

            _pendFirst = text.ToString();
        }

        private void Continue(ReadOnlySpan<char> line, long lineNumber)
        {
            if (!_hasPending)
            {
                if (!line.IsWhiteSpace())
                {
                    if (_orphanLines++ == 0)
                    {
                        _firstOrphanLine = lineNumber;
                    }
                }

                return;
            }

            _pendBuilder ??= new StringBuilder();
            if (_pendBuilder.Length == 0)
            {
                _pendBuilder.Append(_pendFirst);
            }

            if (_pendBuilder.Length + line.Length + 1 > _maxText)
            {
                if (!_pendCut)
                {
                    _pendCut = true;
                    owner.Add(DiagnosticSeverity.Warning, _pendLine, $"message is longer than {_maxText:N0} characters; the rest of it was left out");
                }

                return;
            }

            _pendBuilder.Append('\n').Append(line);
        }

        private Message Build()
        {
            string text = _pendBuilder is { Length: > 0 } b ? b.ToString() : _pendFirst ?? "";
            _pendBuilder?.Clear();
            _hasPending = false;
            IReadOnlyList<Attachment> attachments = _pendAttachment is null
                ? []
                : [new Attachment { FileName = _pendAttachment, Omitted = _pendOmitted }];
            return new Message
            {
                Index = _index++,
                AuthorId = _pendAuthor,
                Time = MessageTime.Local(_pendTime),
                Text = text,
                Kind = _pendKind,
                Attachments = attachments,
                Source = new SourceLocation { File = _file, Line = _pendLine },
            };
        }
    }
}
