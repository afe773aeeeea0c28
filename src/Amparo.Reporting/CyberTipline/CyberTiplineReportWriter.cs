using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Reporting.Complaint;

namespace Amparo.Reporting.CyberTipline;

/// <summary>One file to send with a CyberTipline report, as <c>fileDetails</c> describes it.</summary>
/// <param name="FileName">The name it was handed in under.</param>
/// <param name="Sha256">SHA-256, lower-case hex.</param>
/// <param name="Md5">MD5, lower-case hex, when known.</param>
/// <param name="Description">A line for <c>additionalInfo</c>.</param>
public sealed record CyberTiplineFile(string FileName, string Sha256, string? Md5, string? Description);

/// <summary>
/// Writes NCMEC CyberTipline report XML (the ESP reporting schema, no namespace) from a complaint report model:
/// incident type "Online Enticement of Children for Sexual Acts", the chat in <c>chatImIncident</c>, the account in
/// <c>personOrUserReported</c> (screen name, display name, profile URL, phone), the <c>sextortion</c> annotation
/// when it was found, and one <c>fileDetails</c> document per uploaded file with its hashes.
/// </summary>
public static class CyberTiplineReportWriter
{
    public const string IncidentType = "Online Enticement of Children for Sexual Acts";

    /// <summary>The <c>&lt;report&gt;</c> document for <c>/submit</c>.</summary>
    public static XDocument Report(ComplaintReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool sextortion = model.Tactics.Any(t => t.Id == "sextortion");
        bool solicitation = model.Tactics.Any(t => t.Id == "image-request");
        var (when, whenNote) = IncidentTime(model);

        var summary = new XElement("incidentSummary",
            new XElement("incidentType", IncidentType),
            new XElement("platform", model.Platform));
        if (model.Level == RiskLevel.Critical)
        {
            summary.Add(new XElement("escalateToHighPriority",
                "Threats or blackmail against a child were found in the conversation; the child may be at immediate risk."));
        }

        if (sextortion || solicitation)
        {
            // The annotations are fixed="true" flags: present means yes, absent means not found.
            var annotations = new XElement("reportAnnotations");
            if (sextortion)
            {
                annotations.Add(new XElement("sextortion", "true"));
            }

            if (solicitation)
            {
                annotations.Add(new XElement("csamSolicitation", "true"));
            }

            summary.Add(annotations);
        }

        summary.Add(new XElement("incidentDateTime", when));
        if (whenNote is not null)
        {
            summary.Add(new XElement("incidentDateTimeDescription", whenNote));
        }

        var chat = new XElement("chatImIncident", new XElement("chatClient", model.Platform));
        if (model.ConversationTitle is { } title)
        {
            chat.Add(new XElement("chatRoomName", title));
        }

        chat.Add(new XElement("content", Transcript(model)));
        chat.Add(new XElement("additionalInfo", FlaggedSummary(model)));

        var reported = new XElement("personOrUserReported");
        var phones = model.Suspect.Identifiers.Where(i => i.Kind == IdentifierKinds.Phone).ToArray();
        var emails = model.Suspect.Identifiers.Where(i => i.Kind == IdentifierKinds.Email).ToArray();
        if (phones.Length + emails.Length > 0)
        {
            reported.Add(new XElement("personOrUserReportedPerson",
                phones.Select(p => new XElement("phone", p.Value)),
                emails.Select(e => new XElement("email", e.Value))));
        }

        reported.Add(new XElement("espService", model.Platform));
        if (model.Suspect.Identifiers.FirstOrDefault(i => i.Kind == IdentifierKinds.Username) is { } username)
        {
            reported.Add(new XElement("screenName", username.Value));
        }

        reported.Add(new XElement("displayName", model.Suspect.DisplayName));
        foreach (var url in model.Suspect.Identifiers.Where(i => i.Kind == IdentifierKinds.ProfileUrl))
        {
            reported.Add(new XElement("profileUrl", url.Value));
        }

        var otherIds = model.Suspect.Identifiers.Where(i => i.Kind is not (IdentifierKinds.Phone or IdentifierKinds.Email or IdentifierKinds.ProfileUrl)).Skip(1).ToArray();
        if (otherIds.Length > 0)
        {
            reported.Add(new XElement("additionalInfo", "Other identifiers: " + string.Join("; ", otherIds.Select(i => $"{i.Kind}: {i.Value}"))));
        }

        var (first, last) = SplitName(model.Reporter.Name);
        var reportingPerson = new XElement("reportingPerson");
        if (first is not null)
        {
            reportingPerson.Add(new XElement("firstName", first));
        }

        if (last is not null)
        {
            reportingPerson.Add(new XElement("lastName", last));
        }

        if (model.Reporter.Contact is { } contact)
        {
            reportingPerson.Add(contact.Contains('@', StringComparison.Ordinal) ? new XElement("email", contact) : new XElement("phone", contact));
        }

        var report = new XElement("report",
            summary,
            new XElement("internetDetails", chat),
            new XElement("reporter", reportingPerson),
            reported);
        if (model.Child is { } child)
        {
            report.Add(new XElement("victim", new XElement("victimPerson"), new XElement("displayName", child.DisplayName)));
        }

        report.Add(new XElement("additionalInfo", AnalysisNote(model)));
        return Sanitized(new XDocument(new XDeclaration("1.0", "utf-8", null), report));
    }

    /// <summary>The <c>&lt;fileDetails&gt;</c> document for <c>/fileinfo</c>, after <c>/upload</c> gave a file id.</summary>
    public static XDocument FileDetails(long reportId, string fileId, CyberTiplineFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var details = new XElement("fileDetails",
            new XElement("reportId", reportId.ToString(CultureInfo.InvariantCulture)),
            new XElement("fileId", fileId),
            new XElement("originalFileName", file.FileName),
            // Amparo never displays images that may show a minor; nobody at the reporter's side viewed it through Amparo.
            new XElement("fileViewedByEsp", "false"),
            new XElement("publiclyAvailable", "false"),
            new XElement("fileRelevance", "Reported"));
        if (file.Md5 is { } md5)
        {
            details.Add(new XElement("originalFileHash", new XAttribute("hashType", "MD5"), md5));
        }

        details.Add(new XElement("originalFileHash", new XAttribute("hashType", "SHA256"), file.Sha256));
        if (file.Description is { } description)
        {
            details.Add(new XElement("additionalInfo", description));
        }

        return Sanitized(new XDocument(new XDeclaration("1.0", "utf-8", null), details));
    }

    /// <summary>The vault items of a report as files to upload (originals only; derived items are Amparo's own output).</summary>
    public static IReadOnlyList<CyberTiplineFile> Files(ComplaintReportModel model) =>
        model.Evidence.Where(e => e.Kind == "original")
            .Select(e => new CyberTiplineFile(e.Name, e.Sha256, e.Md5, e.CapturedBy is null ? null : $"Captured by {e.CapturedBy} at {e.CapturedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown time"}" + (e.Device is null ? "" : $" from {e.Device}") + (e.App is null ? "" : $" ({e.App})")))
            .ToArray();

    // Chat text may hold control characters XML 1.0 cannot carry; they become U+FFFD instead of breaking the report.
    private static XDocument Sanitized(XDocument document)
    {
        foreach (var text in document.DescendantNodes().OfType<XText>())
        {
            text.Value = Clean(text.Value);
        }

        foreach (var attribute in document.Descendants().SelectMany(e => e.Attributes()))
        {
            attribute.Value = Clean(attribute.Value);
        }

        return document;
    }

    private static string Clean(string value)
    {
        if (value.All(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)))
        {
            return value;
        }

        var b = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            b.Append(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD');
        }

        return b.ToString();
    }

    private static (string When, string? Note) IncidentTime(ComplaintReportModel model)
    {
        var time = model.FirstAlertTime.WallClock is not null ? model.FirstAlertTime : model.FirstMessage;
        return time.Kind switch
        {
            MessageTimeKind.Exact => (time.Value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), null),
            // xs:dateTime without a zone says exactly what the export said: a wall-clock time, offset unknown.
            MessageTimeKind.Local => (time.Value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), "Wall-clock time from the chat export; the export does not record the time zone."),
            _ => (model.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), "The chat export gives no dates; this is when the report was prepared."),
        };
    }

    private static string Transcript(ComplaintReportModel model)
    {
        var text = ReportText.For("en");
        var b = new StringBuilder();
        foreach (var entry in model.Timeline)
        {
            b.Append('[').Append(text.Time(entry.Time)).Append("] ").Append(entry.Author).Append(": ").Append(entry.Text.Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
        }

        foreach (var gap in model.Gaps)
        {
            b.Append(CultureInfo.InvariantCulture, $"({gap.Count} messages from #{gap.FirstIndex} without findings are not included here.)\n");
        }

        return b.ToString();
    }

    private static string FlaggedSummary(ComplaintReportModel model)
    {
        var b = new StringBuilder("Messages with grooming tactics found by Amparo (0-based message numbers):\n");
        foreach (var entry in model.Timeline.Where(t => t.Flagged))
        {
            b.Append(CultureInfo.InvariantCulture, $"#{entry.Index} {entry.Author}: ").Append(string.Join("; ", entry.Tactics.Select(t => $"{t.Id} (\"{t.Evidence}\")"))).Append('\n');
        }

        return b.ToString();
    }

    private static string AnalysisNote(ComplaintReportModel model) =>
        string.Create(CultureInfo.InvariantCulture, $"Prepared with Amparo (case {model.CaseId}). Risk {model.Risk:0.00}, level {model.Level}; analysis: {model.AnalysisSource}. ")
            + $"Tactics: {string.Join(", ", model.Tactics.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Id} x{t.Count}")))}. " +
            "The risk score comes from a model trained mostly on decoy conversations; it is an aid for triage, not an accusation: a person must read the messages. " +
            "Images are not included in the transcript; files are identified by their hashes.";

    private static (string? First, string? Last) SplitName(string name)
    {
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (parts[0], null),
            _ => (parts[0], parts[1]),
        };
    }
}
