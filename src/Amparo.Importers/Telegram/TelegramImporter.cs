using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amparo.Core;

namespace Amparo.Importers.Telegram;

/// <summary>
/// Telegram Desktop "Export chat history" <c>result.json</c>: a single chat, or a full account export
/// (<c>chats.list</c>, one conversation per chat). <c>date_unixtime</c> gives exact instants; without it the
/// <c>date</c> field is a wall-clock time of the exporting computer. Service messages become system messages.
/// </summary>
public sealed class TelegramImporter : IChatImporter
{
    private const string NotIncluded = "(File not included.";
    private static readonly string[] AttachmentFields = ["photo", "file"];

    public string Format => "telegram";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) =>
        JsonExport.LooksLikeObjectWith(head)
        && (JsonExport.HasKey(head, "date_unixtime") || JsonExport.HasKey(head, "from_id")
            || (JsonExport.HasKey(head, "chats") && JsonExport.HasKey(head, "personal_information")));

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (document, problem) = await JsonExport.ParseAsync(input, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            yield return ImportItem.Of(problem!);
            yield break;
        }

        using (document)
        {
            var root = document.RootElement;
            string? exporterId = JsonExport.Long(JsonExport.Prop(root, "personal_information"), "user_id") is { } uid
                ? "user" + uid.ToString(CultureInfo.InvariantCulture)
                : null;
            var chats = new List<JsonElement>();
            if (JsonExport.Prop(root, "chats").ValueKind == JsonValueKind.Object)
            {
                chats.AddRange(JsonExport.Array(JsonExport.Prop(root, "chats"), "list"));
                chats.AddRange(JsonExport.Array(JsonExport.Prop(root, "left_chats"), "list"));
            }
            else if (JsonExport.Prop(root, "messages").ValueKind == JsonValueKind.Array)
            {
                chats.Add(root);
            }

            if (chats.Count == 0)
            {
                yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null,
                    "a Telegram export should have \"messages\" (one chat) or \"chats\": {\"list\": [...]} (whole account); neither was found"));
                yield break;
            }

            for (int i = 0; i < chats.Count; i++)
            {
                yield return ImportItem.Of(await ReadChatAsync(chats[i], i, chats.Count, input, exporterId, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    private static async Task<Conversation> ReadChatAsync(JsonElement chat, int chatIndex, int chatCount, ImportInput input, string? exporterId, CancellationToken cancellationToken)
    {
        var linker = new AttachmentLinker(input);
        var diagnostics = new List<ImportDiagnostic>();
        var participants = new List<Participant>();
        var byKey = new Dictionary<string, Participant>(StringComparer.Ordinal);
        var messages = new List<Message>();
        int n = 0;
        foreach (var m in JsonExport.Array(chat, "messages"))
        {
            n++;
            if (m.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, n, $"message {n} is not an object; skipped"));
                continue;
            }

            bool service = string.Equals(JsonExport.Str(m, "type"), "service", StringComparison.Ordinal);
            string? name = JsonExport.Str(m, service ? "actor" : "from");
            string? userId = JsonExport.Str(m, service ? "actor_id" : "from_id");
            if (userId is not null && JsonExport.Prop(m, service ? "actor_id" : "from_id").ValueKind == JsonValueKind.Number)
            {
                userId = "user" + userId; // Old exports wrote the bare number.
            }

            string authorId = "";
            if (name is not null || userId is not null)
            {
                string key = userId ?? "name:" + name;
                if (!byKey.TryGetValue(key, out var p))
                {
                    p = new Participant
                    {
                        Id = userId ?? name!,
                        DisplayName = name ?? "Deleted Account",
                        Identifiers = userId is null ? [] : [new ParticipantIdentifier(IdentifierKinds.UserId, userId)],
                        IsExporter = exporterId is null || userId is null ? null : string.Equals(exporterId, userId, StringComparison.Ordinal),
                    };
                    byKey.Add(key, p);
                    participants.Add(p);
                }

                authorId = p.Id;
            }

            var time = TimeOf(m);
            if (!time.IsKnown)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, n, $"message {n} has no readable date; kept without a time"));
            }

            string text = TextOf(JsonExport.Prop(m, "text"));
            var attachments = new List<Attachment>();
            foreach (var field in AttachmentFields)
            {
                if (JsonExport.Str(m, field) is not { } path)
                {
                    continue;
                }

                bool omitted = path.StartsWith(NotIncluded, StringComparison.Ordinal);
                var a = new Attachment
                {
                    FileName = omitted ? JsonExport.Str(m, "file_name") ?? JsonExport.Str(m, "media_type") ?? field : path,
                    MediaType = JsonExport.Str(m, "mime_type") ?? (field == "photo" ? "image/jpeg" : null),
                    Size = JsonExport.Long(m, "photo_file_size") ?? JsonExport.Long(m, "file_size"),
                    Omitted = omitted,
                };
                attachments.Add(omitted ? a : await linker.LinkAsync(a, n, cancellationToken).ConfigureAwait(false));
            }

            if (service && text.Length == 0)
            {
                text = DescribeAction(m);
            }

            messages.Add(new Message
            {
                Index = messages.Count,
                AuthorId = authorId,
                Time = time,
                Text = text,
                Kind = service ? MessageKind.System : attachments.Count > 0 ? MessageKind.Media : MessageKind.Text,
                Attachments = attachments,
                Source = new SourceLocation { File = input.FileName },
            });
        }

        diagnostics.AddRange(linker.Problems);
        string? chatId = JsonExport.Str(chat, "id");
        return new Conversation
        {
            Id = chatId is not null ? "telegram:" + chatId : chatCount == 1 ? "telegram:" + input.FileName : FormattableString.Invariant($"telegram:{input.FileName}#{chatIndex + 1}"),
            Source = SourceApp.Telegram,
            Title = JsonExport.Str(chat, "name"),
            Participants = participants,
            Messages = messages,
            Diagnostics = diagnostics,
            SourceFile = input.FileName,
        };
    }

    private static MessageTime TimeOf(JsonElement m)
    {
        if (JsonExport.Long(m, "date_unixtime") is { } unix && unix is > -62135596800 and < 253402300799)
        {
            return MessageTime.Exact(DateTimeOffset.FromUnixTimeSeconds(unix));
        }

        if (JsonExport.Str(m, "date") is { } date
            && DateTime.TryParseExact(date, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return MessageTime.Local(local);
        }

        return MessageTime.Unknown;
    }

    /// <summary><c>text</c> is a string, or an array of strings and <c>{"type", "text"}</c> entities (links, bold…).</summary>
    internal static string TextOf(JsonElement text)
    {
        if (text.ValueKind == JsonValueKind.String)
        {
            return text.GetString()!;
        }

        if (text.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var part in text.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                sb.Append(part.GetString());
            }
            else if (JsonExport.Str(part, "text") is { } t)
            {
                sb.Append(t);
            }
        }

        return sb.ToString();
    }

    private static string DescribeAction(JsonElement m)
    {
        string action = JsonExport.Str(m, "action") ?? "service message";
        var sb = new StringBuilder(action.Replace('_', ' '));
        if (JsonExport.Str(m, "title") is { } title)
        {
            sb.Append(": ").Append(title);
        }

        var members = JsonExport.Array(m, "members").Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).OfType<string>().ToList();
        if (members.Count > 0)
        {
            sb.Append(": ").Append(string.Join(", ", members));
        }

        if (JsonExport.Long(m, "duration_seconds") is { } seconds)
        {
            sb.Append(CultureInfo.InvariantCulture, $" ({seconds} s)");
        }

        return sb.ToString();
    }
}
