using System.Globalization;
using System.Text.Json;
using Amparo.Core;

namespace Amparo.Cli.Analyze;

/// <summary>Who is in the conversation, how many messages of each kind, and the span of time it covers.</summary>
internal sealed class OverviewSection : IAnalyzeSection
{
    public string Key => "overview";

    public ValueTask<IAnalyzeSectionResult?> AnalyzeAsync(Conversation conversation, AnalyzeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var perAuthor = conversation.Messages
            .Where(m => m.AuthorId.Length > 0)
            .GroupBy(m => m.AuthorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int Count(MessageKind kind) => conversation.Messages.Count(m => m.Kind == kind);
        var result = new Result(
            conversation,
            perAuthor,
            Count(MessageKind.Text),
            Count(MessageKind.Media),
            Count(MessageKind.System),
            Count(MessageKind.Deleted),
            conversation.Messages.Sum(m => m.Attachments.Count),
            DateRange.Of(conversation.Messages));
        return ValueTask.FromResult<IAnalyzeSectionResult?>(result);
    }

    internal sealed record DateRange(MessageTimeKind Kind, MessageTime First, MessageTime Last)
    {
        public static DateRange Of(IReadOnlyList<Message> messages)
        {
            var dated = messages.Where(m => m.Time.Kind is MessageTimeKind.Exact or MessageTimeKind.Local).Select(m => m.Time).ToList();
            if (dated.Count > 0)
            {
                var first = dated.MinBy(t => t.Value.DateTime)!;
                var last = dated.MaxBy(t => t.Value.DateTime)!;
                var kind = dated.All(t => t.Kind == MessageTimeKind.Exact) ? MessageTimeKind.Exact : MessageTimeKind.Local;
                return new DateRange(kind, first, last);
            }

            var times = messages.Where(m => m.Time.Kind == MessageTimeKind.TimeOfDay).Select(m => m.Time).ToList();
            return times.Count > 0
                ? new DateRange(MessageTimeKind.TimeOfDay, times[0], times[^1])
                : new DateRange(MessageTimeKind.Unknown, MessageTime.Unknown, MessageTime.Unknown);
        }

        public string Format(MessageTime time) => time.Kind switch
        {
            MessageTimeKind.Exact => time.Value.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
            MessageTimeKind.Local => time.Value.DateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            MessageTimeKind.TimeOfDay => time.Value.ToString("HH:mm", CultureInfo.InvariantCulture),
            MessageTimeKind.Unknown => "",
        };
    }

    private sealed record Result(
        Conversation Conversation,
        IReadOnlyDictionary<string, int> PerAuthor,
        int Text,
        int Media,
        int System,
        int Deleted,
        int Attachments,
        DateRange Dates) : IAnalyzeSectionResult
    {
        public void WriteText(TextWriter w, AnalyzeContext context)
        {
            var t = context.Text;
            var c = Conversation;
            w.WriteLine($"  {t.Source}: {t.App(c.Source)}" + (c.SourceFile is { } f ? $" ({t.File.ToLower(t.Culture)} {f})" : ""));
            if (c.Title is { } title)
            {
                w.WriteLine($"  {t.Title}: {title}");
            }

            var people = c.Participants.Select(p =>
            {
                string ids = string.Join(", ", p.Identifiers.Select(i => i.Value).Where(v => !string.Equals(v, p.DisplayName, StringComparison.Ordinal)));
                string name = ids.Length > 0 ? $"{p.DisplayName} ({ids})" : p.DisplayName;
                return p.IsExporter == true ? $"{name} — {t.Exporter}" : name;
            });
            w.WriteLine($"  {t.Participants} ({c.Participants.Count}): {string.Join("; ", people)}");
            w.WriteLine($"  {t.Messages}: {c.Messages.Count.ToString("N0", t.Culture)} ({t.KindBreakdown(Text, Media, System, Deleted)})"
                + (Attachments > 0 ? $"; {t.Attachments.ToLower(t.Culture)}: {Attachments.ToString("N0", t.Culture)}" : ""));
            if (PerAuthor.Count > 0)
            {
                w.WriteLine($"  {t.PerParticipant}: {string.Join(", ", PerAuthor.Select(kv => $"{c.FindParticipant(kv.Key)?.DisplayName ?? kv.Key} {kv.Value.ToString("N0", t.Culture)}"))}");
            }

            string dates = Dates.Kind switch
            {
                MessageTimeKind.Unknown => t.NoTimes,
                MessageTimeKind.TimeOfDay => $"{Dates.Format(Dates.First)} – {Dates.Format(Dates.Last)} ({t.TimesOfDayOnly})",
                MessageTimeKind.Local => $"{Dates.Format(Dates.First)} – {Dates.Format(Dates.Last)} ({t.NoOffset})",
                MessageTimeKind.Exact => $"{Dates.Format(Dates.First)} – {Dates.Format(Dates.Last)}",
            };
            w.WriteLine($"  {t.Dates}: {dates}");
        }

        public void WriteJson(Utf8JsonWriter w, AnalyzeContext context)
        {
            var c = Conversation;
            w.WriteStartObject();
            w.WriteStartArray("participants");
            foreach (var p in c.Participants)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("name", p.DisplayName);
                if (p.IsExporter is { } exporter)
                {
                    w.WriteBoolean("exporter", exporter);
                }
                else
                {
                    w.WriteNull("exporter");
                }

                w.WriteStartArray("identifiers");
                foreach (var i in p.Identifiers)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", i.Kind);
                    w.WriteString("value", i.Value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("messages", PerAuthor.GetValueOrDefault(p.Id));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("messages");
            w.WriteNumber("total", c.Messages.Count);
            w.WriteNumber("text", Text);
            w.WriteNumber("media", Media);
            w.WriteNumber("system", System);
            w.WriteNumber("deleted", Deleted);
            w.WriteEndObject();
            w.WriteNumber("attachments", Attachments);
            w.WriteStartObject("dates");
            w.WriteString("kind", Dates.Kind switch
            {
                MessageTimeKind.Unknown => "unknown",
                MessageTimeKind.TimeOfDay => "timeOfDay",
                MessageTimeKind.Local => "local",
                MessageTimeKind.Exact => "exact",
            });
            WriteTime(w, "first", Dates.First);
            WriteTime(w, "last", Dates.Last);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteTime(Utf8JsonWriter w, string name, MessageTime time)
        {
            if (time.ToInterchange() is { } s)
            {
                w.WriteString(name, s);
            }
            else
            {
                w.WriteNull(name);
            }
        }
    }
}
