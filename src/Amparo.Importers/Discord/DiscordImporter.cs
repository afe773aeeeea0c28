using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amparo.Core;

namespace Amparo.Importers.Discord;

/// <summary>
/// DiscordChatExporter JSON (<c>guild</c>, <c>channel</c>, <c>messages</c>): one conversation per channel.
/// Timestamps carry their offset; authors are keyed by their Discord id. Embeds, reactions and stickers are
/// not chat text and are left out; non-default message types (joins, pins, calls…) become system messages.
/// </summary>
public sealed class DiscordImporter : IChatImporter
{
    private static readonly HashSet<string> TextTypes = new(StringComparer.Ordinal) { "Default", "Reply", "ThreadStarterMessage", "ChatInputCommand", "ContextMenuCommand" };

    public string Format => "discord";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) =>
        JsonExport.LooksLikeObjectWith(head, "guild", "channel", "messages");

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
            if (JsonExport.Prop(root, "messages").ValueKind != JsonValueKind.Array)
            {
                yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "a DiscordChatExporter file should have a \"messages\" array; none was found"));
                yield break;
            }

            yield return ImportItem.Of(await ReadChannelAsync(root, input, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<Conversation> ReadChannelAsync(JsonElement root, ImportInput input, CancellationToken cancellationToken)
    {
        var linker = new AttachmentLinker(input);
        var diagnostics = new List<ImportDiagnostic>();
        var participants = new List<Participant>();
        var byId = new Dictionary<string, Participant>(StringComparer.Ordinal);
        var messages = new List<Message>();
        int n = 0;
        foreach (var m in JsonExport.Array(root, "messages"))
        {
            n++;
            if (m.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, n, $"message {n} is not an object; skipped"));
                continue;
            }

            var author = JsonExport.Prop(m, "author");
            string? id = JsonExport.Str(author, "id");
            string? name = JsonExport.Str(author, "name");
            string authorId = "";
            if (id is not null || name is not null)
            {
                string key = id ?? "name:" + name;
                if (!byId.TryGetValue(key, out var p))
                {
                    var identifiers = new List<ParticipantIdentifier>();
                    if (id is not null)
                    {
                        identifiers.Add(new ParticipantIdentifier(IdentifierKinds.UserId, id));
                    }

                    if (name is not null)
                    {
                        string? discriminator = JsonExport.Str(author, "discriminator");
                        identifiers.Add(new ParticipantIdentifier(IdentifierKinds.Username,
                            discriminator is null or "0000" or "0" ? name : name + "#" + discriminator));
                    }

                    p = new Participant { Id = id ?? name!, DisplayName = JsonExport.Str(author, "nickname") ?? name ?? id!, Identifiers = identifiers };
                    byId.Add(key, p);
                    participants.Add(p);
                }

                authorId = p.Id;
            }

            var time = MessageTime.Unknown;
            if (JsonExport.Str(m, "timestamp") is { } ts)
            {
                if (DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
                {
                    time = MessageTime.Exact(dto);
                }
                else
                {
                    diagnostics.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, n, $"message {n}: timestamp \"{ts}\" is not readable; kept without a time"));
                }
            }

            var attachments = new List<Attachment>();
            foreach (var a in JsonExport.Array(m, "attachments"))
            {
                // With --media, "url" is the downloaded file's relative path; otherwise a CDN address.
                string? url = JsonExport.Str(a, "url");
                string fileName = JsonExport.Str(a, "fileName") ?? url ?? "attachment";
                var attachment = new Attachment { FileName = fileName, Size = JsonExport.Long(a, "fileSizeBytes"), MediaType = MediaTypes.FromName(fileName) };
                if (url is not null && !url.Contains("://", StringComparison.Ordinal))
                {
                    var linked = await linker.LinkAsync(attachment with { FileName = Uri.UnescapeDataString(url) }, n, cancellationToken).ConfigureAwait(false);
                    attachment = linked with { FileName = fileName };
                }

                attachments.Add(attachment);
            }

            string type = JsonExport.Str(m, "type") ?? "Default";
            bool system = !TextTypes.Contains(type);
            string text = JsonExport.Str(m, "content") ?? "";
            messages.Add(new Message
            {
                Index = messages.Count,
                AuthorId = authorId,
                Time = time,
                Text = system && text.Length == 0 ? type : text,
                Kind = system ? MessageKind.System : attachments.Count > 0 ? MessageKind.Media : MessageKind.Text,
                Attachments = attachments,
                Source = new SourceLocation { File = input.FileName },
            });
        }

        diagnostics.AddRange(linker.Problems);
        var guild = JsonExport.Prop(root, "guild");
        var channel = JsonExport.Prop(root, "channel");
        string? guildName = JsonExport.Str(guild, "name");
        string? channelName = JsonExport.Str(channel, "name");
        string? title = guildName is null or "Direct Messages" ? channelName : channelName is null ? guildName : $"{guildName} / #{channelName}";
        return new Conversation
        {
            Id = JsonExport.Str(channel, "id") is { } cid ? "discord:" + cid : "discord:" + input.FileName,
            Source = SourceApp.Discord,
            Title = title,
            Participants = participants,
            Messages = messages,
            Diagnostics = diagnostics,
            SourceFile = input.FileName,
        };
    }
}
