namespace Amparo.Core;

/// <summary>The application or corpus a conversation was exported from.</summary>
public enum SourceApp
{
    Unknown,
    WhatsApp,
    Telegram,
    Discord,
    Instagram,
    Messenger,
    Sms,
    Pan2012,
    Interchange,
    Csv,
    Screenshot,
}
