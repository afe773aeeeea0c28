using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amparo.Core;

namespace Amparo.Importers.Meta;

/// <summary>
/// Instagram and Facebook Messenger "Download your information" threads (<c>message_N.json</c>). A long thread
/// is split over several files in one folder, newest first; they are merged into one conversation, oldest
/// first. Meta writes UTF-8 bytes as <c>\u00XX</c> escapes, so every string is repaired (<see cref="RepairMojibake"/>).
/// </summary>
public sealed class MetaImporter : IChatImporter
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public string Format => "meta";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) =>
        JsonExport.LooksLikeObjectWith(head)
        && (JsonExport.HasKey(head, "sender_name") || (JsonExport.HasKey(head, "participants") && JsonExport.HasKey(head, "thread_path")));

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parts = ThreadParts(input);
        if (parts is null)
        {
            // Another message_N.json of this folder has a lower number: that one reads the whole thread.
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Info, input.FileName, null,
                "part of a thread split over several files; it is read together with the lowest-numbered message_N.json beside it"));
            yield break;
        }

        var diagnostics = new List<ImportDiagnostic>();
        var participants = new List<Participant>();
        var byName = new Dictionary<string, Participant>(StringComparer.Ordinal);
        var collected = new List<(long Ms, int Order, Message Message)>();
        string? title = null, threadPath = null;
        bool messengerHints = false;
        var linker = new AttachmentLinker(input);
        int order = 0;
        bool anyRead = false;
        foreach (var (fileName, open, relative) in parts)
        {
            var partInput = input with { FileName = fileName, Open = open, RelativePath = relative, Length = fileName == input.FileName ? input.Length : null };
            var (document, problem) = await JsonExport.ParseAsync(partInput, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                diagnostics.Add(problem!);
                continue;
            }

            using (document)
            {
                anyRead = true;
                var root = document.RootElement;
                title ??= Fix(JsonExport.Str(root, "title"));
                threadPath ??= JsonExport.Str(root, "thread_path");
                messengerHints |= JsonExport.Prop(root, "thread_type").ValueKind == JsonValueKind.String
                    || JsonExport.Prop(root, "joinable_mode").ValueKind == JsonValueKind.Object;
                foreach (var p in JsonExport.Array(root, "participants"))
                {
                    if (Fix(JsonExport.Str(p, "name")) is { } name)
                    {
                        Participant(name);
                    }
                }

                int n = 0;
                var fileMessages = new List<(long, int, Message)>();
                foreach (var m in JsonExport.Array(root, "messages"))
                {
                    n++;
                    if (m.ValueKind != JsonValueKind.Object)
                    {
                        diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, n, $"message {n} is not an object; skipped"));
                        continue;
                    }

                    var message = await ReadMessageAsync(m, fileName, n, linker, diagnostics, cancellationToken).ConfigureAwait(false);
                    fileMessages.Add((JsonExport.Long(m, "timestamp_ms") ?? long.MinValue, 0, message));
                }

                // Each file lists newest first; reversed, ties keep their relative order when sorted.
                for (int i = fileMessages.Count - 1; i >= 0; i--)
                {
                    var (ms, _, msg) = fileMessages[i];
                    collected.Add((ms, order++, msg));
                }
            }
        }

        if (!anyRead)
        {
            foreach (var d in diagnostics)
            {
                yield return ImportItem.Of(d);
            }

            yield break;
        }

        diagnostics.AddRange(linker.Problems);
        var messages = collected
            .OrderBy(c => c.Ms)
            .ThenBy(c => c.Order)
            .Select((c, i) => c.Message with { Index = i })
            .ToList();
        var source = DecideSource(input.RelativePath ?? input.FileName, threadPath, messengerHints, messages);
        string prefix = source == SourceApp.Messenger ? "messenger:" : "instagram:";
        yield return ImportItem.Of(new Conversation
        {
            Id = prefix + (threadPath ?? ThreadFolder(input) ?? input.FileName),
            Source = source,
            Title = title,
            Participants = participants,
            Messages = messages,
            Diagnostics = diagnostics,
            SourceFile = input.FileName,
        });

        Participant Participant(string name)
        {
            if (!byName.TryGetValue(name, out var p))
            {
                p = new Participant { Id = name, DisplayName = name };
                byName.Add(name, p);
                participants.Add(p);
            }

            return p;
        }

        async Task<Message> ReadMessageAsync(JsonElement m, string fileName, int n, AttachmentLinker links, List<ImportDiagnostic> diags, CancellationToken ct)
        {
            string author = Fix(JsonExport.Str(m, "sender_name")) is { } sender ? Participant(sender).Id : "";
            var time = MessageTime.Unknown;
            if (JsonExport.Long(m, "timestamp_ms") is { } ms && ms is > -62135596800000 and < 253402300799000)
            {
                time = MessageTime.Exact(DateTimeOffset.FromUnixTimeMilliseconds(ms));
            }
            else
            {
                diags.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, fileName, n, $"message {n} has no readable timestamp_ms; kept without a time"));
            }

            var attachments = new List<Attachment>();
            foreach (var (field, mediaType) in MediaFields)
            {
                foreach (var media in JsonExport.Array(m, field))
                {
                    if (JsonExport.Str(media, "uri") is { } uri)
                    {
                        var a = new Attachment { FileName = uri, MediaType = mediaType is null ? MediaTypes.FromName(uri) : MediaTypes.FromName(uri) ?? mediaType };
                        attachments.Add(uri.Contains("://", StringComparison.Ordinal) ? a : await links.LinkAsync(a, n, ct).ConfigureAwait(false));
                    }
                }
            }

            if (JsonExport.Str(JsonExport.Prop(m, "sticker"), "uri") is { } sticker)
            {
                attachments.Add(await links.LinkAsync(new Attachment { FileName = sticker, MediaType = MediaTypes.FromName(sticker) }, n, ct).ConfigureAwait(false));
            }

            string text = Fix(JsonExport.Str(m, "content")) ?? "";
            if (text.Length == 0 && Fix(JsonExport.Str(JsonExport.Prop(m, "share"), "link")) is { } link)
            {
                text = link;
            }

            string type = JsonExport.Str(m, "type") ?? "Generic";
            var kind = JsonExport.Bool(m, "is_unsent") ? MessageKind.Deleted
                : type is "Subscribe" or "Unsubscribe" or "Call" ? MessageKind.System
                : attachments.Count > 0 ? MessageKind.Media
                : MessageKind.Text;
            return new Message
            {
                Index = 0,
                AuthorId = author,
                Time = time,
                Text = text,
                Kind = kind,
                Attachments = attachments,
                Source = new SourceLocation { File = fileName },
            };
        }
    }

    private static readonly (string Field, string? MediaType)[] MediaFields =
    [
        ("photos", "image/jpeg"), ("videos", "video/mp4"), ("audio_files", "audio/mp4"), ("gifs", "image/gif"), ("files", null),
    ];

    /// <summary>
    /// Undoes Meta's export bug: UTF-8 bytes written one per <c>\u00XX</c>. Only a string made entirely of
    /// characters up to U+00FF can be such bytes; it is re-decoded only when the bytes are valid UTF-8, so
    /// genuine Latin-1 text ("café" typed as such) is left alone.
    /// </summary>
    public static string RepairMojibake(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool high = false;
        foreach (char c in text)
        {
            if (c > '\u00FF')
            {
                return text;
            }

            high |= c >= '\u0080';
        }

        if (!high)
        {
            return text;
        }

        try
        {
            return StrictUtf8.GetString(Encoding.Latin1.GetBytes(text));
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    private static string? Fix(string? text) => text is null ? null : RepairMojibake(text);

    private static SourceApp DecideSource(string path, string? threadPath, bool messengerHints, IReadOnlyList<Message> messages)
    {
        string hint = path + "|" + threadPath + "|" + string.Join("|", messages.SelectMany(m => m.Attachments).Take(5).Select(a => a.FileName));
        if (hint.Contains("instagram", StringComparison.OrdinalIgnoreCase))
        {
            return SourceApp.Instagram;
        }

        if (hint.Contains("facebook", StringComparison.OrdinalIgnoreCase) || hint.Contains("messenger", StringComparison.OrdinalIgnoreCase) || messengerHints)
        {
            return SourceApp.Messenger;
        }

        return SourceApp.Instagram;
    }

    private static string? ThreadFolder(ImportInput input)
    {
        string? rel = input.RelativePath;
        int slash = rel?.LastIndexOf('/') ?? -1;
        return slash > 0 ? rel![..slash] : null;
    }

    /// <summary>
    /// The files of this thread, in number order, or null when this file is not the lowest-numbered one of its
    /// folder (so the thread is read once).
    /// </summary>
    private static List<(string FileName, Func<Stream> Open, string? Relative)>? ThreadParts(ImportInput input)
    {
        string own = input.RelativePath ?? input.FileName;
        if (PartNumber(own) is not { } ownNumber)
        {
            return [(input.FileName, input.Open, input.RelativePath)];
        }

        string dir = own.LastIndexOf('/') is int slash and >= 0 ? own[..(slash + 1)] : "";
        var parts = new List<(int Number, string Key)>();
        foreach (var key in input.Siblings.Keys)
        {
            if (key.StartsWith(dir, StringComparison.Ordinal) && key.IndexOf('/', dir.Length) < 0 && PartNumber(key) is { } number && key != own)
            {
                if (number < ownNumber)
                {
                    return null;
                }

                parts.Add((number, key));
            }
        }

        // Sibling names are relative to the same root as this file; diagnostics name them like this file.
        string prefix = input.FileName.EndsWith(own, StringComparison.Ordinal) ? input.FileName[..^own.Length] : "";
        var result = new List<(string, Func<Stream>, string?)> { (input.FileName, input.Open, input.RelativePath) };
        foreach (var (_, key) in parts.OrderBy(p => p.Number))
        {
            result.Add((prefix + key, input.Siblings[key], key));
        }

        return result;
    }

    private static int? PartNumber(string path)
    {
        string name = path[(path.LastIndexOf('/') + 1)..];
        const string Head = "message_";
        if (!name.StartsWith(Head, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        return int.TryParse(name.AsSpan(Head.Length, name.Length - Head.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
    }
}
