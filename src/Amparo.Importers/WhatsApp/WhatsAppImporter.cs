using System.Runtime.CompilerServices;
using Amparo.Core;

namespace Amparo.Importers.WhatsApp;

/// <summary>
/// WhatsApp "Export chat" text files (Android and iOS layouts, any date order, 12/24 h, English and Spanish
/// markers). A zip export reaches here through <see cref="ChatImporter"/>, which offers its <c>_chat.txt</c> with
/// the media as siblings. For chats too large to hold as one <see cref="Conversation"/>, use
/// <see cref="WhatsAppParser.ReadMessagesAsync"/> directly.
/// </summary>
public sealed class WhatsAppImporter : IChatImporter
{
    public string Format => "whatsapp";

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) => WhatsAppParser.LooksLikeWhatsApp(head);

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parser = new WhatsAppParser(input);
        var messages = new List<Message>();
        await foreach (var m in parser.ReadMessagesAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(m);
        }

        if (messages.Count == 0)
        {
            foreach (var d in parser.Diagnostics)
            {
                yield return ImportItem.Of(d);
            }

            if (!parser.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Error, input.FileName, null, "no WhatsApp message found"));
            }

            yield break;
        }

        yield return ImportItem.Of(new Conversation
        {
            Id = "whatsapp:" + input.FileName,
            Source = SourceApp.WhatsApp,
            Title = TitleFrom(input.FileName),
            Participants = parser.Participants,
            Messages = messages,
            Diagnostics = parser.Diagnostics,
            SourceFile = input.FileName,
        });
    }

    /// <summary>"WhatsApp Chat with Ann.txt" / "Chat de WhatsApp con Ann.txt" (or the zip's name) → "Ann".</summary>
    internal static string? TitleFrom(string fileName)
    {
        string[] prefixes = ["WhatsApp Chat with ", "WhatsApp Chat - ", "Chat de WhatsApp con ", "Chat de WhatsApp - "];
        foreach (var part in fileName.Split('/').Reverse())
        {
            string name = Path.GetFileNameWithoutExtension(part);
            foreach (var prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length)
                {
                    return name[prefix.Length..].Trim();
                }
            }
        }

        return null;
    }
}
