using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Amparo.Detection;

namespace Amparo.Reporting.Complaint;

/// <summary>
/// Writes the complaint report as one self-contained HTML page. Every piece of text is HTML-encoded (chat text is
/// written by the suspect), and a Content-Security-Policy forbids scripts, so the page cannot run anything even if
/// opened from a browser with the chat's words in it.
/// </summary>
public static class HtmlReportRenderer
{
    // Encode markup characters only; letters such as á and ñ stay readable in the source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(ComplaintReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = ReportText.For(model.Language);
        var h = new StringBuilder(16 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(model.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        h.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        h.Append("<title>").Append(E(t["title"])).Append(" — ").Append(E(model.CaseId)).Append("</title>\n");
        h.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        // Page one: who, where, when, what.
        h.Append("<header><h1>").Append(E(t["title"])).Append("</h1><p class=\"meta\">")
            .Append(E(t["case"])).Append(": <strong>").Append(E(model.CaseId)).Append("</strong> · ")
            .Append(E(t["generated"])).Append(": ").Append(E(t.Time(model.GeneratedAt))).Append("</p></header>\n");
        h.Append("<p class=\"level level-").Append(model.Level.ToString().ToLowerInvariant()).Append("\">")
            .Append(E(t["levelLabel"])).Append(": ").Append(E(t.Level(model.Level))).Append("</p>\n");
        h.Append("<table class=\"facts\">\n");
        Row(h, t["reportedBy"], Join(model.Reporter.Name, model.Reporter.Role, model.Reporter.Contact));
        Row(h, t["platform"], model.Platform + (model.ConversationTitle is { } title ? $" — {title}" : ""));
        h.Append("<tr><th>").Append(E(t["suspect"])).Append("</th><td><strong>").Append(E(model.Suspect.DisplayName)).Append("</strong>");
        foreach (var id in model.Suspect.Identifiers)
        {
            h.Append("<br>").Append(E(t.IdentifierKind(id.Kind))).Append(": <code>").Append(E(id.Value)).Append("</code>");
        }

        h.Append("</td></tr>\n");
        if (model.Child is { } child)
        {
            Row(h, t["child"], child.DisplayName);
        }

        Row(h, t["dates"], t.Format("datesValue", t.Time(model.FirstMessage), t.Time(model.LastMessage), model.MessageCount));
        if (model.FirstAlert is int fa)
        {
            Row(h, t["firstAlert"], t.Format("firstAlertValue", fa, t.Time(model.FirstAlertTime)));
        }

        h.Append("</table>\n");
        h.Append("<h2>").Append(E(t["whatHappened"])).Append("</h2>\n<p class=\"summary\">").Append(E(model.Summary)).Append("</p>\n");
        h.Append("<h2>").Append(E(t["tacticsFound"])).Append("</h2>\n<ul class=\"tactics\">\n");
        foreach (var tactic in model.Tactics)
        {
            h.Append("<li>").Append(E(t.Format("tacticLine", tactic.Name, tactic.Count, tactic.FirstMessage))).Append("</li>\n");
        }

        if (model.Tactics.Count == 0)
        {
            h.Append("<li>").Append(E(t["none"])).Append("</li>\n");
        }

        h.Append("</ul>\n<p>").Append(E(t.Format("evidenceLine", model.Evidence.Count, model.Custody?.Entries ?? 0, CustodyWord(t, model.Custody)))).Append("</p>\n");

        // Timeline.
        h.Append("<section class=\"page\"><h2>").Append(E(t["timeline"])).Append("</h2>\n<p class=\"note\">").Append(E(t["timelineIntro"])).Append("</p>\n<ol class=\"timeline\">\n");
        foreach (var entry in model.Timeline)
        {
            foreach (var gap in model.Gaps.Where(g => g.FirstIndex + g.Count == entry.Index))
            {
                h.Append("<li class=\"gap\">").Append(E(t.Format("timelineGap", gap.Count))).Append("</li>\n");
            }

            h.Append("<li value=\"").Append(entry.Index.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"msg")
                .Append(entry.Flagged ? " flagged" : "").Append(entry.BySuspect ? " suspect" : "").Append("\">");
            h.Append("<span class=\"when\">#").Append(entry.Index.ToString(CultureInfo.InvariantCulture)).Append(" · ").Append(E(t.Time(entry.Time))).Append("</span> ");
            h.Append("<span class=\"who\">").Append(E(entry.Author)).Append("</span>");
            if (entry.BySuspect)
            {
                h.Append(" <span class=\"tag\">").Append(E(t["suspectMark"])).Append("</span>");
            }

            h.Append("<blockquote>").Append(E(entry.Text)).Append("</blockquote>");
            foreach (var media in entry.Media)
            {
                h.Append("<div class=\"placeholder\">").Append(E(MediaLine(t, media))).Append("</div>");
            }

            if (entry.Flagged)
            {
                h.Append("<p class=\"found\">▶ ").Append(E(t["tacticsIn"])).Append(": ");
                h.Append(string.Join("; ", entry.Tactics.Select(m => $"{E(m.Name)} (“{E(m.Evidence)}”)")));
                h.Append("</p>");
            }

            h.Append("</li>\n");
        }

        if (model.Timeline.Count > 0 && model.Gaps.LastOrDefault() is { } tail && tail.FirstIndex > model.Timeline[^1].Index)
        {
            h.Append("<li class=\"gap\">").Append(E(t.Format("timelineGap", tail.Count))).Append("</li>\n");
        }

        h.Append("</ol></section>\n");

        // Risk figures.
        h.Append("<section class=\"page\"><h2>").Append(E(t["riskTitle"])).Append("</h2>\n<table class=\"facts\">\n");
        Row(h, t["riskScore"], model.Risk.ToString("P0", CultureInfo.InvariantCulture));
        Row(h, t["levelLabel"], t.Level(model.Level));
        Row(h, t["riskAlert"], model.Alert ? t["yes"] : t["no"]);
        Row(h, t["messages"], model.MessageCount.ToString(CultureInfo.InvariantCulture));
        Row(h, t["flaggedMessages"], model.FlaggedMessages.ToString(CultureInfo.InvariantCulture));
        Row(h, t["stages"], model.Stages.Count == 0 ? t["none"] : string.Join(", ", model.Stages.Select(s => t.Stage(s.Stage))));
        Row(h, t["analysisSource"], model.AnalysisSource);
        h.Append("</table>\n<p class=\"honest\">").Append(E(t["modelParagraph"])).Append("</p></section>\n");

        // Evidence and custody.
        h.Append("<section class=\"page\"><h2>").Append(E(t["evidenceTitle"])).Append("</h2>\n<p class=\"note\">").Append(E(t["evidenceIntro"])).Append("</p>\n");
        if (model.Evidence.Count == 0)
        {
            h.Append("<p>").Append(E(t["noEvidence"])).Append("</p>\n");
        }

        foreach (var item in model.Evidence)
        {
            h.Append("<table class=\"item\"><tr><th>").Append(E(t["item"])).Append("</th><td><strong>").Append(E(item.Name)).Append("</strong>")
                .Append(item.IsImage ? " (" + E(t["imageItem"]) + ")" : "").Append("</td></tr>");
            Row(h, "SHA-256", item.Sha256, code: true);
            if (item.Md5 is { } md5)
            {
                Row(h, "MD5", md5, code: true);
            }

            if (item.Size is long size)
            {
                Row(h, t["size"], t.Format("bytes", size.ToString("N0", CultureInfo.InvariantCulture)));
            }

            if (item.CapturedBy is not null || item.CapturedAt is not null)
            {
                Row(h, t["captured"], t.Format("capturedValue", item.CapturedBy ?? t["unknown"], t.Time(item.CapturedAt)));
            }

            if (item.Device is not null || item.App is not null)
            {
                Row(h, t["device"], Join(item.Device, item.App));
            }

            h.Append("</table>\n");
        }

        h.Append("<h3>").Append(E(t["custodyTitle"])).Append("</h3>\n");
        if (model.Custody is { } custody)
        {
            h.Append("<p>").Append(E(t.Format("custodySummary", custody.Entries, t.Time(custody.First), t.Time(custody.Last), CustodyWord(t, custody), custody.LastEntryHash ?? t["unknown"]))).Append("</p>\n<ol class=\"custody\">");
            foreach (var entry in custody.Log.OrderBy(c => c.Sequence))
            {
                h.Append("<li>").Append(E(t.Time(entry.Time))).Append(" · ").Append(E(entry.Actor)).Append(" · ").Append(E(entry.Action))
                    .Append(" · <code>").Append(E(entry.EntryHash)).Append("</code></li>");
            }

            h.Append("</ol>\n");
        }
        else
        {
            h.Append("<p>").Append(E(t["custodyEmpty"])).Append("</p>\n");
        }

        h.Append("<h3>").Append(E(t["imagesTitle"])).Append("</h3>\n<p class=\"note\">").Append(E(t["imagesIntro"])).Append("</p>\n<ul>");
        foreach (var image in model.Images)
        {
            h.Append("<li class=\"placeholder\">").Append(E(MediaLine(t, image))).Append("</li>");
        }

        h.Append("</ul></section>\n");

        h.Append("<section class=\"page\"><h2>").Append(E(t["guidanceTitle"])).Append("</h2>\n<ol class=\"guidance\">");
        foreach (var step in model.Guidance)
        {
            h.Append("<li><strong>").Append(E(step.Title)).Append("</strong> ").Append(E(step.Text)).Append("</li>");
        }

        h.Append("</ol>");
        if (model.Diagnostics.Count > 0)
        {
            h.Append("<h3>").Append(E(t["diagnosticsTitle"])).Append("</h3><ul>");
            foreach (var d in model.Diagnostics)
            {
                h.Append("<li>").Append(E(d.ToString())).Append("</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</section>\n<footer>").Append(E(t["footer"])).Append("</footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    internal static string MediaLine(ReportText t, MediaPlaceholder media) =>
        media.Sha256 is null
            ? t["mediaOmitted"]
            : media.IsImage ? t.Format("imagePlaceholder", media.Name, media.Sha256) : t.Format("attachmentPlaceholder", media.Name, media.Sha256);

    internal static string CustodyWord(ReportText t, CustodySummary? custody) => custody?.Verified switch
    {
        true => t["custodyVerified"],
        false => t["custodyNotVerified"],
        null => t["custodyUnknown"],
    };

    private static string E(string? value) => value is null ? "" : Encoder.Encode(value);

    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static void Row(StringBuilder h, string label, string value, bool code = false)
    {
        h.Append("<tr><th>").Append(E(label)).Append("</th><td>");
        h.Append(code ? "<code>" + E(value) + "</code>" : E(value));
        h.Append("</td></tr>\n");
    }

    private const string Css = """
        body{font-family:"DejaVu Sans",Verdana,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
        header h1{font-size:1.4rem;margin:0 0 .2rem}.meta{color:#444;margin:0 0 1rem}
        .level{font-weight:bold;padding:.5rem .8rem;border-left:6px solid #888;background:#f2f2f2}
        .level-critical{border-color:#a00;background:#fbeaea}.level-high{border-color:#c60;background:#fdf1e6}
        .level-medium{border-color:#b90;background:#fdf8e6}
        table.facts,table.item{border-collapse:collapse;width:100%;margin:.6rem 0}
        th{text-align:left;vertical-align:top;width:11rem;padding:.25rem .5rem;color:#333}
        td{padding:.25rem .5rem;overflow-wrap:anywhere}code{font-family:"DejaVu Sans Mono",monospace;font-size:.85em}
        h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}
        .timeline{list-style:none;padding:0}.msg{margin:.4rem 0;padding:.3rem .5rem;border-left:3px solid #ddd}
        .msg.flagged{border-color:#a00;background:#fff6f6}.when{color:#555;font-size:.85em}.who{font-weight:bold}
        .tag{font-size:.75em;background:#eee;padding:0 .3rem}blockquote{margin:.2rem 0 .2rem 1rem;white-space:pre-wrap}
        .found{margin:.2rem 0 0 1rem;color:#800}.gap{color:#666;font-style:italic;margin:.4rem 0}
        .placeholder{font-family:"DejaVu Sans Mono",monospace;font-size:.8em;border:1px dashed #888;padding:.3rem;margin:.2rem 0 .2rem 1rem;overflow-wrap:anywhere}
        .honest{background:#f5f5f5;padding:.6rem;border-left:4px solid #557}.note{color:#444}
        footer{margin-top:2rem;color:#555;font-size:.85em;border-top:1px solid #ccc;padding-top:.5rem}
        @media print{.page{break-before:page}}
        """;
}
