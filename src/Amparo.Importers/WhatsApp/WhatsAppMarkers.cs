using Amparo.Core;

namespace Amparo.Importers.WhatsApp;

/// <summary>The fixed texts WhatsApp writes for media, deleted messages and attachments (English and Spanish).</summary>
internal static class WhatsAppMarkers
{
    private static readonly string[] OmittedMedia =
    [
        "<Media omitted>", "<Multimedia omitido>", "<Archivo omitido>",
        "image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted", "document omitted", "Contact card omitted",
        "imagen omitida", "video omitido", "audio omitido", "sticker omitido", "GIF omitido", "documento omitido", "tarjeta de contacto omitida",
    ];

    private static readonly string[] DeletedTexts =
    [
        "This message was deleted", "You deleted this message", "This message was deleted.", "You deleted this message.",
        "Se eliminó este mensaje", "Eliminaste este mensaje", "Se eliminó este mensaje.", "Eliminaste este mensaje.",
        "Este mensaje fue eliminado", "Este mensaje fue eliminado.",
    ];

    private static readonly string[] AttachedOpeners = ["<attached: ", "<adjunto: ", "<anexado: "];
    private static readonly string[] AttachedSuffixes = [" (file attached)", " (archivo adjunto)"];

    /// <summary>What a message's first line says it is, and the attachment it names.</summary>
    public static MessageKind Classify(ReadOnlySpan<char> firstLine, out string? attachmentName, out bool omitted)
    {
        attachmentName = null;
        omitted = false;
        var t = WhatsAppLine.CleanName(firstLine);
        if (t.IsEmpty)
        {
            return MessageKind.Text;
        }

        // Almost every message is plain text: only short texts, texts with '<' or ending in ')' can be markers.
        bool hasAngle = t.Contains('<');
        if (t.Length > 32 && !hasAngle && t[^1] != ')')
        {
            return MessageKind.Text;
        }

        foreach (var m in OmittedMedia)
        {
            if (t.Equals(m, StringComparison.OrdinalIgnoreCase))
            {
                attachmentName = m.TrimStart('<').TrimEnd('>');
                omitted = true;
                return MessageKind.Media;
            }
        }

        foreach (var d in DeletedTexts)
        {
            if (t.Equals(d, StringComparison.Ordinal))
            {
                return MessageKind.Deleted;
            }
        }

        foreach (var opener in hasAngle ? AttachedOpeners : [])
        {
            int at = t.IndexOf(opener, StringComparison.Ordinal);
            if (at >= 0)
            {
                var after = t[(at + opener.Length)..];
                int close = after.IndexOf('>');
                if (close > 0)
                {
                    attachmentName = WhatsAppLine.CleanName(after[..close]).ToString();
                    return MessageKind.Media;
                }
            }
        }

        foreach (var suffix in AttachedSuffixes)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && t.Length > suffix.Length)
            {
                attachmentName = WhatsAppLine.CleanName(t[..^suffix.Length]).ToString();
                return MessageKind.Media;
            }
        }

        return MessageKind.Text;
    }
}
