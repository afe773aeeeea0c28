namespace Amparo.Importers;

/// <summary>The built-in importers, most specific first (sniffing order matters).</summary>
public static class KnownImporters
{
    /// <summary>Every built-in format.</summary>
    public static IReadOnlyList<IChatImporter> All { get; } =
    [
        // Each importer folder adds its instance here.
        new Sms.SmsBackupImporter(),
        new Pan2012.Pan2012Importer(),
        new Discord.DiscordImporter(),
        new Meta.MetaImporter(),
        new Telegram.TelegramImporter(),
        new WhatsApp.WhatsAppImporter(),

        // Generic formats last: their sniffing is the loosest.
        new Interchange.InterchangeJsonlImporter(),
        new Interchange.InterchangeCsvImporter(),
    ];

    /// <summary>A <see cref="ChatImporter"/> over <see cref="All"/>.</summary>
    public static ChatImporter CreateDefault() => new(All);
}
