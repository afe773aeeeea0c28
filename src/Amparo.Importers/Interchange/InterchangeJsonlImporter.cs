using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amparo.Core;
using Amparo.Core.Interchange;
using Amparo.Importers.Text;

namespace Amparo.Importers.Interchange;

/// <summary>
/// The interchange JSONL format (one conversation per line), read by Core's streaming
/// <see cref="InterchangeJsonl"/>: a bad line becomes a diagnostic naming the line and the rest is still read.
/// </summary>
public sealed class InterchangeJsonlImporter : IChatImporter
{
    public string Format => "jsonl";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName)
    {
        string text = TextDecoding.DecodeHead(head).TrimStart();
        if (!text.StartsWith('{'))
        {
            return false;
        }

        int nl = text.IndexOf('\n', StringComparison.Ordinal);
        if (nl < 0 && head.Length >= ImportInput.SniffLength)
        {
            // A first line longer than the head: judge by its opening, as a pretty-printed export never starts so.
            return text.StartsWith("{\"id\"", StringComparison.Ordinal) || text.StartsWith("{\"messages\"", StringComparison.Ordinal);
        }

        string first = (nl < 0 ? text : text[..nl]).TrimEnd();
        try
        {
            using var doc = JsonDocument.Parse(first);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array
                || root.TryGetProperty("guild", out _) || root.TryGetProperty("chats", out _) || root.TryGetProperty("participants", out _))
            {
                return false;
            }

            // Telegram and Discord messages carry "date"/"timestamp" and object authors; interchange ones do not.
            foreach (var m in messages.EnumerateArray())
            {
                return m.ValueKind == JsonValueKind.Object
                    && !m.TryGetProperty("date", out _) && !m.TryGetProperty("timestamp", out _) && !m.TryGetProperty("timestamp_ms", out _)
                    && (!m.TryGetProperty("author", out var a) || a.ValueKind is JsonValueKind.String or JsonValueKind.Null);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validated = new Utf8ValidatingStream(ProgressStream.Open(input));
        using var reader = new StreamReader(validated, TextDecoding.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var records = InterchangeJsonl.ReadAsync(reader, input.FileName, input.Options.MaxLineLength, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = records.ConfigureAwait(false);
        long lastLine = 0;
        int count = 0;
        while (true)
        {
            InterchangeRecord? record;
            ImportDiagnostic? failure = null;
            try
            {
                record = await records.MoveNextAsync().ConfigureAwait(false) ? records.Current : null;
            }
            catch (DecoderFallbackException)
            {
                record = null;
                failure = new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, lastLine + 1,
                    $"the file is not valid UTF-8 from about this line on (saved as Latin-1 or another encoding?); {Kept(count)}");
            }

            if (failure is not null)
            {
                yield return ImportItem.Of(failure);
                yield break;
            }

            if (record is null)
            {
                if (validated.InvalidLine is { } bad)
                {
                    yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, bad, Utf8ValidatingStream.Describe(count)));
                }
                else if (count == 0 && lastLine == 0)
                {
                    yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "the file holds no conversations"));
                }

                break;
            }

            lastLine = record.Line;
            if (record.Diagnostic is { } d)
            {
                yield return ImportItem.Of(d);
            }

            if (record.Conversation is { } c)
            {
                count++;
                yield return ImportItem.Of(c);
            }
        }
    }

    internal static string Kept(int count) => count switch
    {
        0 => "nothing before it could be imported",
        1 => "the 1 conversation before it is kept",
        _ => $"the {count} conversations before it are kept",
    };
}
