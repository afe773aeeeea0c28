using System.Globalization;

namespace Amparo.Core;

/// <summary>How much a <see cref="MessageTime"/> knows about when a message was sent.</summary>
public enum MessageTimeKind
{
    /// <summary>The export gave no time at all.</summary>
    Unknown,
    /// <summary>Only the time of day is known (PAN-2012 and many screenshots).</summary>
    TimeOfDay,
    /// <summary>A wall-clock date and time whose UTC offset the export did not record.</summary>
    Local,
    /// <summary>An exact instant with its UTC offset.</summary>
    Exact,
}

/// <summary>
/// A message timestamp that is honest about what the export told us. Chat exports often carry only a
/// wall-clock time (WhatsApp) or a time of day (PAN-2012); inventing an offset would alter evidence.
/// </summary>
public readonly record struct MessageTime
{
    private MessageTime(MessageTimeKind kind, DateTimeOffset value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>What is known.</summary>
    public MessageTimeKind Kind { get; }

    /// <summary>
    /// The time. For <see cref="MessageTimeKind.Local"/> the offset is zero and meaningless; for
    /// <see cref="MessageTimeKind.TimeOfDay"/> the date is 0001-01-01; for Unknown it is default.
    /// </summary>
    public DateTimeOffset Value { get; }

    public static MessageTime Unknown => default;

    public bool IsKnown => Kind != MessageTimeKind.Unknown;

    public static MessageTime Exact(DateTimeOffset instant) => new(MessageTimeKind.Exact, instant);

    public static MessageTime Local(DateTime wallClock) =>
        new(MessageTimeKind.Local, new DateTimeOffset(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), TimeSpan.Zero));

    public static MessageTime OfDay(TimeOnly time) =>
        new(MessageTimeKind.TimeOfDay, new DateTimeOffset(DateOnly.MinValue.ToDateTime(time), TimeSpan.Zero));

    /// <summary>The wall-clock time as written in the export (no conversion), when a date is known.</summary>
    public DateTime? WallClock => Kind is MessageTimeKind.Local or MessageTimeKind.Exact ? Value.DateTime : null;

    /// <summary>The time of day, when any time is known.</summary>
    public TimeOnly? TimeOfDayValue => Kind == MessageTimeKind.Unknown ? null : TimeOnly.FromDateTime(Value.DateTime);

    /// <summary>
    /// The interchange spelling: ISO-8601 with offset (exact), without offset (local), <c>HH:mm[:ss]</c>
    /// (time of day) or <c>null</c>.
    /// </summary>
    public string? ToInterchange() => Kind switch
    {
        MessageTimeKind.Unknown => null,
        MessageTimeKind.TimeOfDay => Value.Second == 0
            ? Value.ToString("HH:mm", CultureInfo.InvariantCulture)
            : Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        MessageTimeKind.Local => Value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        MessageTimeKind.Exact => Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    /// <summary>Parses the interchange spelling; returns false for text that is none of its forms.</summary>
    public static bool TryParseInterchange(string? text, out MessageTime time)
    {
        time = Unknown;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var tod))
        {
            time = OfDay(tod);
            return true;
        }

        // An explicit offset or Z makes it exact; otherwise it is a wall-clock time.
        bool hasOffset = text.EndsWith('Z') || HasOffsetSuffix(text);
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
        {
            time = Exact(dto);
            return true;
        }

        if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            time = Local(dt);
            return true;
        }

        return false;
    }

    private static bool HasOffsetSuffix(string text)
    {
        int t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            t = text.IndexOf(' ', StringComparison.Ordinal);
        }

        if (t < 0)
        {
            return false;
        }

        int sign = text.LastIndexOfAny(['+', '-']);
        return sign > t;
    }

    public override string ToString() => ToInterchange() ?? "unknown";
}
