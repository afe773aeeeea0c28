using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Amparo.Evidence.Custody;

/// <summary>
/// One custody log entry as bytes. The entry's hash is SHA-256 over exactly these UTF-8 bytes (no trailing
/// newline); verifiers never re-serialise, so any JSON library can check a chain. Writers emit the keys in the
/// order <c>v, seq, time, case, actor, action, items, record, prev</c> without whitespace.
/// </summary>
public static class CustodyLine
{
    /// <summary>The <c>prev</c> of a case's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Builds an entry line.</summary>
    public static byte[] Write(long seq, DateTimeOffset time, string caseId, string actor, string action, IReadOnlyList<string> items, ReadOnlySpan<byte> recordJson, string previous)
    {
        ArgumentNullException.ThrowIfNull(items);
        var buffer = new ArrayBufferWriter<byte>(256 + recordJson.Length);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", seq);
            w.WriteString("time", FormatTime(time));
            w.WriteString("case", caseId);
            w.WriteString("actor", actor);
            w.WriteString("action", action);
            w.WriteStartArray("items");
            foreach (string item in items)
            {
                w.WriteStringValue(item);
            }

            w.WriteEndArray();
            w.WritePropertyName("record");
            if (recordJson.IsEmpty)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteRawValue(recordJson, skipInputValidation: true);
            }

            w.WriteString("prev", previous);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>UTC, seven fractional digits, <c>Z</c>: sorts as text and round-trips exactly.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Lower-case hex SHA-256 of the line's bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));

    /// <summary>Reads an entry; returns null (with the reason) when the bytes are not a well-formed entry.</summary>
    public static ParsedEntry? Parse(byte[] line, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var items = new List<string>();
            foreach (var item in root.GetProperty("items").EnumerateArray())
            {
                items.Add(item.GetString() ?? "");
            }

            var record = root.GetProperty("record");
            string text = Encoding.UTF8.GetString(line);
            return new ParsedEntry
            {
                Seq = root.GetProperty("seq").GetInt64(),
                Time = DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                CaseId = root.GetProperty("case").GetString()!,
                Actor = root.GetProperty("actor").GetString()!,
                Action = root.GetProperty("action").GetString()!,
                Items = items,
                RecordJson = record.ValueKind == JsonValueKind.Null ? null : record.GetRawText(),
                Previous = root.GetProperty("prev").GetString()!,
                Hash = Hash(line),
                Line = text,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>A parsed entry.</summary>
    public sealed record ParsedEntry
    {
        public required long Seq { get; init; }

        public required DateTimeOffset Time { get; init; }

        public required string CaseId { get; init; }

        public required string Actor { get; init; }

        public required string Action { get; init; }

        public required IReadOnlyList<string> Items { get; init; }

        /// <summary>The record exactly as it appears in the line, or null.</summary>
        public string? RecordJson { get; init; }

        public required string Previous { get; init; }

        public required string Hash { get; init; }

        public required string Line { get; init; }

        public CustodyEntry ToModel() => new()
        {
            Seq = Seq,
            Time = Time,
            CaseId = CaseId,
            Actor = Actor,
            Action = Action,
            Items = Items,
            Previous = Previous,
            Hash = Hash,
            Line = Line,
        };
    }
}
