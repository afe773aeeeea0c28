namespace Amparo.Importers;

/// <summary>The built-in importers, most specific first (sniffing order matters).</summary>
public static class KnownImporters
{
    /// <summary>Every built-in format.</summary>
    public static IReadOnlyList<IChatImporter> All { get; } =
    [
        // Each importer folder adds its instance here.
        new Discord.DiscordImporter(),
        new Meta.MetaImporter(),
        new Telegram.TelegramImporter(),
        new WhatsApp.WhatsAppImporter(),
    ];

    /// <summary>A <see cref="ChatImporter"/> over <see cref="All"/>.</summary>
    public static ChatImporter CreateDefault() => new(All);
}
