using System.Globalization;
using System.Text.Json;
using Amparo.Core;

namespace Amparo.Importers;

/// <summary>Shared plumbing for the JSON exports (Telegram, Discord, Instagram/Messenger).</summary>
internal static class JsonExport
{
    /// <summary>
    /// Largest JSON export parsed as one document. Telegram/Discord/Meta exports are split per chat or per
    /// 10,000 messages, so real files stay far below this; a larger one is refused rather than exhausting memory.
    /// </summary>
    public const long MaxDocumentBytes = 512L << 20;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 256,
    };

    /// <summary>True when the head is a JSON object that mentions every one of the given property names.</summary>
    public static bool LooksLikeObjectWith(ReadOnlySpan<byte> head, params ReadOnlySpan<string> anyOf)
    {
        var h = head;
        if (h.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            h = h[3..];
        }

        int i = 0;
        while (i < h.Length && h[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        if (i >= h.Length || h[i] != (byte)'{')
        {
            return false;
        }

        foreach (var name in anyOf)
        {
            if (!HasKey(h, name))
            {
                return false;
            }
        }

        return true;
    }

    public static bool HasKey(ReadOnlySpan<byte> head, string name)
    {
        Span<byte> quoted = stackalloc byte[name.Length + 2];
        quoted[0] = (byte)'"';
        quoted[^1] = (byte)'"';
        for (int i = 0; i < name.Length; i++)
        {
            quoted[i + 1] = (byte)name[i];
        }

        return head.IndexOf(quoted) >= 0;
    }

    /// <summary>Parses a whole export, or explains (naming the file and line) why it could not.</summary>
    public static async Task<(JsonDocument? Document, ImportDiagnostic? Problem)> ParseAsync(ImportInput input, CancellationToken cancellationToken)
    {
        if (input.Length is long length && length > MaxDocumentBytes)
        {
            return (null, new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null,
                FormattableString.Invariant($"the JSON export is {length:N0} bytes, more than the {MaxDocumentBytes:N0} bytes read at once; it was not read")));
        }

        var stream = input.Open();
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var capped = new LengthLimitedStream(stream, MaxDocumentBytes);
                return (await JsonDocument.ParseAsync(capped, Options, cancellationToken).ConfigureAwait(false), null);
            }
            catch (JsonException ex)
            {
                long? line = ex.LineNumber is { } l ? l + 1 : null;
                string what = ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase)
                    ? "the JSON ends early (the file looks truncated)"
                    : "the file is not valid JSON";
                return (null, new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, line,
                    FormattableString.Invariant($"{what}: {ex.Message}; nothing could be read from it")));
            }
            catch (ArgumentException ex)
            {
                return (null, new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, $"the file is not valid UTF-8 JSON ({ex.Message})"));
            }
        }
    }

    public static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    public static long? Long(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n))
        {
            return n;
        }

        return v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n : null;
    }

    public static bool Bool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static JsonElement Prop(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name) =>
        Prop(obj, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
}

/// <summary>Stops a read at a byte cap, whatever the file's declared length says.</summary>
internal sealed class LengthLimitedStream(Stream inner, long cap) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        _read += n;
        if (_read > cap)
        {
            throw new IOException(FormattableString.Invariant($"more than {cap:N0} bytes; not read"));
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
