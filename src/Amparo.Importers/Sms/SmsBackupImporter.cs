using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Amparo.Core;
using Amparo.Importers.Text;
using Amparo.Importers.Xml;

namespace Amparo.Importers.Sms;

/// <summary>
/// SMS Backup &amp; Restore (Android) XML: <c>&lt;smses&gt;</c> holding <c>&lt;sms&gt;</c> and <c>&lt;mms&gt;</c>
/// elements. Messages are grouped into one conversation per thread address (a phone number, or several joined
/// by <c>~</c> for a group), oldest first. The backup interleaves threads, so the whole file is read before
/// conversations are returned; memory grows with the text of the messages, never with attachment data, which
/// is hashed as it is decoded and then dropped.
/// </summary>
public sealed class SmsBackupImporter : IChatImporter
{
    /// <summary>The participant id of the phone's owner (the person who made the backup).</summary>
    public const string ExporterId = "me";

    public string Format => "sms";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) =>
        string.Equals(TextDecoding.XmlRootName(head), "smses", StringComparison.Ordinal);

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var collector = new Collector(input.FileName);
        var fileDiagnostics = new List<ImportDiagnostic>();

        // XmlReader is synchronous here (its async mode is several times slower); run it off the caller's thread.
        await Task.Run(() => Parse(input, collector, fileDiagnostics, cancellationToken), cancellationToken).ConfigureAwait(false);

        foreach (var conversation in collector.Build())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ImportItem.Of(conversation);
        }

        foreach (var d in fileDiagnostics)
        {
            yield return ImportItem.Of(d);
        }
    }

    private static void Parse(ImportInput input, Collector collector, List<ImportDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var head = new byte[512];
        Encoding? declared = null;
        using (var probe = input.Open())
        {
            int n = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (TextDecoding.XmlDeclaredEncoding(head.AsSpan(0, n)) is { } name
                && !name.StartsWith("utf", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    declared = Encoding.GetEncoding(name);
                }
                catch (ArgumentException)
                {
                    diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, 1, $"the declared encoding \"{name}\" is unknown; read as UTF-8"));
                }
            }
        }

        var raw = ProgressStream.Open(input);
        var validated = declared is null ? new Utf8ValidatingStream(raw) : null;
        Stream stream = (Stream?)validated ?? raw;
        using var text = new StreamReader(stream, declared ?? TextDecoding.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var repair = new CharacterReferenceRepair(text);
        XmlReader? reader = null;
        try
        {
            reader = SafeXml.Create(repair);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || !string.Equals(reader.LocalName, "smses", StringComparison.Ordinal))
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, SafeXml.LineOf(reader), "the root element is not <smses>; this is not an SMS Backup & Restore file"));
                return;
            }

            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (string.Equals(reader.LocalName, "sms", StringComparison.Ordinal))
                {
                    collector.AddSms(reader);
                }
                else if (string.Equals(reader.LocalName, "mms", StringComparison.Ordinal))
                {
                    collector.AddMms(reader);
                }
            }

            if (collector.MessageCount == 0)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, null, "the backup holds no messages"));
            }
        }
        catch (Exception ex) when (ex is XmlException or DecoderFallbackException)
        {
            // Invalid UTF-8 ends the text early, which XML sees as a truncated file: name the real cause.
            diagnostics.Add(validated?.InvalidLine is { } bad
                ? new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, bad, Utf8ValidatingStream.Describe(collector.ThreadCount))
                : SafeXml.WithDoctypeLine(SafeXml.Describe(ex, input.FileName, reader is null ? null : SafeXml.LineOf(reader), collector.ThreadCount), ex, input));
        }
        finally
        {
            reader?.Dispose();
        }

        if (repair.PairsRepaired > 0)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, null,
                $"{repair.PairsRepaired} emoji were written as pairs of invalid character references (such as &#55357;&#56832;, from the app's emoji option) and were repaired into the real characters"));
        }

        if (repair.InvalidReplaced > 0)
        {
            diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, null,
                $"{repair.InvalidReplaced} character references named characters XML forbids (a lone emoji half, a control code); each was replaced by U+FFFD"));
        }
    }

    private sealed record Pending(long Order, MessageTime Time, string AuthorAddress, bool FromExporter, string Text, IReadOnlyList<Attachment> Attachments, long? Line);

    private sealed class Thread(string address)
    {
        public string Address { get; } = address;

        public string? ContactName { get; set; }

        public List<Pending> Messages { get; } = [];

        public List<string> Addresses { get; } = [];

        public List<ImportDiagnostic> Diagnostics { get; } = [];

        public void Mention(string address)
        {
            if (address.Length > 0 && !Addresses.Contains(address, StringComparer.Ordinal))
            {
                Addresses.Add(address);
            }
        }
    }

    private sealed class Collector(string fileName)
    {
        private readonly Dictionary<string, Thread> _threads = new(StringComparer.Ordinal);
        private readonly List<Thread> _order = [];
        private readonly HashSet<string> _exporterNumbers = new(StringComparer.Ordinal);
        private long _count;

        public long MessageCount => _count;

        public int ThreadCount => _order.Count(t => t.Messages.Count > 0);

        public void AddSms(XmlReader r)
        {
            long? line = SafeXml.LineOf(r);
            string address = Attr(r, "address") ?? "";
            var thread = GetThread(address, Attr(r, "contact_name"));
            string? type = Attr(r, "type");
            bool fromExporter = type is not null && !string.Equals(type, "1", StringComparison.Ordinal);
            if (type is null || !int.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out int t) || t is < 1 or > 6)
            {
                thread.Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, line, $"an SMS has type \"{type}\" (expected 1 received … 6 queued); read as received"));
                fromExporter = false;
            }

            var time = ReadTime(r, thread, line);
            string body = Attr(r, "body") ?? "";
            foreach (var part in address.Split('~', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                thread.Mention(part);
            }

            thread.Messages.Add(new Pending(_count++, time, address, fromExporter, body, [], line));
        }

        public void AddMms(XmlReader r)
        {
            long? line = SafeXml.LineOf(r);
            string address = Attr(r, "address") ?? "";
            var thread = GetThread(address, Attr(r, "contact_name"));
            string? box = Attr(r, "msg_box");
            bool fromExporter = box is not null && !string.Equals(box, "1", StringComparison.Ordinal);
            var time = ReadTime(r, thread, line);
            foreach (var part in address.Split('~', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                thread.Mention(part);
            }

            var text = new StringBuilder();
            var attachments = new List<Attachment>();
            string? from = null;
            if (!r.IsEmptyElement)
            {
                int depth = r.Depth;
                while (r.Read() && r.Depth > depth)
                {
                    if (r.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (string.Equals(r.LocalName, "part", StringComparison.Ordinal))
                    {
                        ReadPart(r, thread, text, attachments);
                    }
                    else if (string.Equals(r.LocalName, "addr", StringComparison.Ordinal))
                    {
                        string a = Attr(r, "address") ?? "";
                        string? type = Attr(r, "type");

                        // PDU address types: 137 = from, 151 = to, 130 = cc, 129 = bcc.
                        if (string.Equals(type, "137", StringComparison.Ordinal))
                        {
                            from = a;
                            if (fromExporter && a.Length > 0 && !a.Contains("insert-address-token", StringComparison.Ordinal))
                            {
                                _exporterNumbers.Add(a);
                            }
                        }

                        if (a.Length > 0 && !a.Contains("insert-address-token", StringComparison.Ordinal))
                        {
                            thread.Mention(a);
                        }
                    }
                }
            }

            string author = fromExporter ? ExporterId : from ?? address;
            thread.Messages.Add(new Pending(_count++, time, author, fromExporter, text.ToString(), attachments, line));
        }

        private void ReadPart(XmlReader r, Thread thread, StringBuilder text, List<Attachment> attachments)
        {
            long? line = SafeXml.LineOf(r);
            string ct = Attr(r, "ct") ?? "";
            if (string.Equals(ct, "application/smil", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            string? data = Attr(r, "data");
            if (string.Equals(ct, "text/plain", StringComparison.OrdinalIgnoreCase) && data is null)
            {
                if (Attr(r, "text") is { } t)
                {
                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append(t);
                }

                return;
            }

            string name = Attr(r, "cl") ?? Attr(r, "name") ?? Attr(r, "fn") ?? "attachment";
            if (data is null)
            {
                attachments.Add(new Attachment { FileName = name, MediaType = ct.Length > 0 ? ct : null, Omitted = true });
                return;
            }

            if (Base64Hash.TryHash(data, out string? sha, out long size))
            {
                attachments.Add(new Attachment { FileName = name, MediaType = ct.Length > 0 ? ct : null, Sha256 = sha, Size = size });
            }
            else
            {
                attachments.Add(new Attachment { FileName = name, MediaType = ct.Length > 0 ? ct : null });
                thread.Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, line,
                    $"the attachment \"{name}\" ({ct}) holds data that is not valid base64; it is listed without a hash"));
            }
        }

        private MessageTime ReadTime(XmlReader r, Thread thread, long? line)
        {
            string? date = Attr(r, "date");
            if (long.TryParse(date, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms)
                && ms is > -62135596800000 and < 253402300799000)
            {
                return MessageTime.Exact(DateTimeOffset.FromUnixTimeMilliseconds(ms));
            }

            thread.Diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, line, $"a message has no usable date (\"{date}\"); kept without a time"));
            return MessageTime.Unknown;
        }

        private Thread GetThread(string address, string? contactName)
        {
            if (!_threads.TryGetValue(address, out var thread))
            {
                thread = new Thread(address);
                _threads.Add(address, thread);
                _order.Add(thread);
            }

            if (thread.ContactName is null && IsName(contactName))
            {
                thread.ContactName = contactName;
            }

            return thread;
        }

        public IEnumerable<Conversation> Build()
        {
            // A thread whose only message was cut off by a truncated file has nothing to show.
            foreach (var thread in _order.Where(t => t.Messages.Count > 0 || t.Diagnostics.Count > 0))
            {
                yield return Build(thread);
            }
        }

        private Conversation Build(Thread thread)
        {
            var participants = new List<Participant>
            {
                new()
                {
                    Id = ExporterId,
                    DisplayName = "Me",
                    IsExporter = true,
                    Identifiers = _exporterNumbers.Order(StringComparer.Ordinal).Select(Identifier).ToArray(),
                },
            };
            var others = thread.Addresses.Where(a => !_exporterNumbers.Contains(a)).ToList();
            string[] names = thread.ContactName?.Split(", ", StringSplitOptions.TrimEntries) ?? [];
            for (int i = 0; i < others.Count; i++)
            {
                string display = others.Count == 1 && thread.ContactName is not null ? thread.ContactName
                    : names.Length == others.Count ? names[i]
                    : others[i];
                participants.Add(new Participant { Id = others[i], DisplayName = display, Identifiers = [Identifier(others[i])], IsExporter = false });
            }

            var messages = thread.Messages
                .OrderBy(m => m.Time.IsKnown ? m.Time.Value.UtcTicks : long.MinValue)
                .ThenBy(m => m.Order)
                .Select((m, i) => new Message
                {
                    Index = i,
                    AuthorId = m.FromExporter ? ExporterId
                        : _exporterNumbers.Contains(m.AuthorAddress) ? ExporterId
                        : m.AuthorAddress,
                    Time = m.Time,
                    Text = m.Text,
                    Kind = m.Text.Length == 0 && m.Attachments.Count > 0 ? MessageKind.Media : MessageKind.Text,
                    Attachments = m.Attachments,
                    Source = new SourceLocation { File = fileName, Line = m.Line },
                })
                .ToArray();

            // A received group SMS names the thread, not a person; make sure every author is a participant.
            foreach (var m in messages)
            {
                if (!participants.Any(p => string.Equals(p.Id, m.AuthorId, StringComparison.Ordinal)))
                {
                    participants.Add(new Participant { Id = m.AuthorId, DisplayName = m.AuthorId, IsExporter = false });
                }
            }

            return new Conversation
            {
                Id = thread.Address.Length > 0 ? thread.Address : "(no address)",
                Source = SourceApp.Sms,
                Title = thread.ContactName ?? (thread.Address.Length > 0 ? thread.Address : null),
                Participants = participants,
                Messages = messages,
                Diagnostics = thread.Diagnostics,
                SourceFile = fileName,
            };
        }

        private static ParticipantIdentifier Identifier(string address) =>
            new(address.Contains('@', StringComparison.Ordinal) ? IdentifierKinds.Email : IdentifierKinds.Phone, address);

        private static bool IsName(string? name) =>
            !string.IsNullOrWhiteSpace(name) && !string.Equals(name, "(Unknown)", StringComparison.Ordinal) && !string.Equals(name, "null", StringComparison.Ordinal);

        private static string? Attr(XmlReader r, string name)
        {
            string? v = r.GetAttribute(name);
            return v is null || string.Equals(v, "null", StringComparison.Ordinal) ? null : v;
        }
    }
}

/// <summary>Hashes base64 text as it decodes it, in small blocks, so attachment bytes are never held whole.</summary>
public static class Base64Hash
{
    /// <summary>SHA-256 (lower-case hex) and decoded size of base64 text; false when the text is not valid base64.</summary>
    public static bool TryHash(ReadOnlySpan<char> base64, out string? sha256, out long size)
    {
        sha256 = null;
        size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<char> block = stackalloc char[4096];
        Span<byte> bytes = stackalloc byte[3072];
        int filled = 0;
        foreach (char c in base64)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            if (filled == block.Length)
            {
                // Only a block that is not the last may be flushed here, so padding inside it is an error.
                if (!Convert.TryFromBase64Chars(block, bytes, out int n) || n != bytes.Length)
                {
                    return false;
                }

                hash.AppendData(bytes[..n]);
                size += n;
                filled = 0;
            }

            block[filled++] = c;
        }

        if (filled % 4 != 0 || !Convert.TryFromBase64Chars(block[..filled], bytes, out int last))
        {
            return false;
        }

        hash.AppendData(bytes[..last]);
        size += last;
        sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        return true;
    }
}
