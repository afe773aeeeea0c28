namespace Amparo.Ocr.Tests.Corpus;

public enum ChatApp
{
    WhatsApp,
    Instagram,
    Messenger,
    Telegram,
    Sms,
}

/// <summary>One line of a generated chat: who sent it (right = the person taking the screenshot), the text and the time shown.</summary>
public sealed record SceneMessage(bool Mine, string Text, string Time);

/// <summary>A chat screen to render: app style, theme, font, size and the known text.</summary>
public sealed record ChatScene
{
    public required string Name { get; init; }

    public required ChatApp App { get; init; }

    public bool Dark { get; init; }

    public string Font { get; init; } = "DejaVu Sans";

    public int FontSize { get; init; } = 15;

    /// <summary>Device pixel ratio: phones take screenshots at 2–3×.</summary>
    public int Scale { get; init; } = 1;

    public int Width { get; init; } = 400;

    /// <summary>When set, the PNG is re-encoded as JPEG at this quality.</summary>
    public int? JpegQuality { get; init; }

    public required string Contact { get; init; }

    public bool Spanish { get; init; }

    public required IReadOnlyList<SceneMessage> Messages { get; init; }

    /// <summary>Fixed chat-area height (CSS px) for scrolled screenshots; null fits every message.</summary>
    public int? ChatHeight { get; init; }

    /// <summary>For scrolled screenshots: show the oldest messages (top) or the newest (bottom).</summary>
    public bool ShowTop { get; init; }

    public string FileName => Name + (JpegQuality is null ? ".png" : ".jpg");
}

/// <summary>Mild, made-up chat lines in English and Spanish (school, sport, plans).</summary>
public static class SceneText
{
    public static readonly string[] English =
    [
        "Did you finish the science project already?",
        "Not yet, we still need the poster and the photos of the volcano model",
        "My mum says I can go to the match on Saturday",
        "Great! The bus leaves from the school at nine",
        "Can you send me the maths homework? I lost the sheet",
        "Sure, it is pages 42 and 43, exercises 1 to 6",
        "Thanks, you are the best",
        "Are you coming to football practice tomorrow?",
        "I think so, but I have a dentist appointment at four",
        "The new level of the game is really hard",
        "I got stuck on the bridge with the dragon too",
        "Do not forget your library book",
        "Who is bringing the snacks for the trip?",
        "I can bring crisps and some juice",
        "The teacher moved the test to Friday",
        "Good, more time to study for it",
        "See you at the park after lunch",
        "Ok, I will ask my brother to come too",
        "Happy birthday! Have a great day",
        "We won the game three to one",
    ];

    public static readonly string[] Spanish =
    [
        "Hola, ¿qué tal el examen de matemáticas?",
        "Bien creo, estaba difícil la última pregunta",
        "Mañana vamos a la biblioteca a las cuatro",
        "¿Me prestas el libro de historia?",
        "Sí, te lo llevo el lunes al colegio",
        "¿Vienes al entrenamiento del jueves?",
        "No puedo, tengo clase de guitarra",
        "Mi hermana dice que la película está genial",
        "¿Quién lleva la pelota al partido?",
        "Yo la llevo, también llevo agua",
        "La profesora cambió la fecha del trabajo",
        "Perfecto, así tenemos más tiempo",
        "¿Ya hiciste los ejercicios de inglés?",
        "Me faltan dos, después te ayudo",
        "Nos vemos en la plaza después de comer",
        "Feliz cumpleaños, que pases un día increíble",
        "Ganamos el partido dos a cero",
        "¡Qué bien! Mañana me cuentas todo",
        "Mi abuela hizo pastel de chocolate",
        "¿Jugamos en línea esta noche?",
    ];
}
