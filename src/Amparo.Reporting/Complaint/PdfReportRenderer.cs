using System.Globalization;
using Amparo.Detection;
using Amparo.Reporting.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Amparo.Reporting.Complaint;

/// <summary>
/// Writes the complaint report as a PDF with embedded DejaVu fonts. Page 1 is what an officer acts on (who reports,
/// the platform, the suspect's identifiers, dates, what happened, level and tactics); then the timeline with the
/// flagged messages quoted, the risk figures and what they mean, the evidence with hashes and custody, images as
/// placeholders only, and the steps advised to the family.
/// </summary>
public static class PdfReportRenderer
{
    private const int MaxTacticsOnFirstPage = 12;

    public static byte[] Render(ComplaintReportModel model)
    {
        using var buffer = new MemoryStream();
        Render(model, buffer);
        return buffer.ToArray();
    }

    public static void Render(ComplaintReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.EnsureInstalled();
        var t = ReportText.For(model.Language);

        var title = new XFont(ReportFonts.Sans, 15, XFontStyleEx.Bold);
        var h2 = new XFont(ReportFonts.Sans, 12, XFontStyleEx.Bold);
        var body = new XFont(ReportFonts.Sans, 9.5);
        var bold = new XFont(ReportFonts.Sans, 9.5, XFontStyleEx.Bold);
        var small = new XFont(ReportFonts.Sans, 8);
        var mono = new XFont(ReportFonts.Mono, 7.8);
        var banner = new XFont(ReportFonts.Sans, 11, XFontStyleEx.Bold);
        var accent = new XSolidBrush(XColor.FromArgb(140, 0, 0));
        var grey = new XSolidBrush(XColor.FromArgb(80, 80, 80));

        using var document = new PdfDocument();
        document.Info.Title = $"{t["title"]} — {model.CaseId}";
        document.Info.Author = "Amparo";
        document.Info.Subject = t["title"];
        document.Info.CreationDate = model.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = model.GeneratedAt.UtcDateTime;

        using var page = new PdfLayout(document, l =>
        {
            l.Paragraph($"{t["case"]} {model.CaseId} · {t["title"]}", small, grey, after: 0);
            l.Rule(XColors.LightGray);
        });

        // ---- Page 1 ----
        page.Paragraph(t["title"], title, XBrushes.Black, after: 2);
        page.Paragraph($"{t["case"]}: {model.CaseId}    {t["generated"]}: {t.Time(model.GeneratedAt)}", body, grey, after: 6);
        var (bar, fill) = LevelColours(model.Level);
        page.Banner($"{t["levelLabel"]}: {t.Level(model.Level)}", banner, bar, fill);

        page.Field(t["reportedBy"], [(Join(model.Reporter.Name, model.Reporter.Role, model.Reporter.Contact), body)], bold, XBrushes.Black);
        page.Field(t["platform"], [(model.Platform + (model.ConversationTitle is { } ct ? $" — {ct}" : ""), body)], bold, XBrushes.Black);
        var suspectLines = new List<(string, XFont)> { (model.Suspect.DisplayName, bold) };
        suspectLines.AddRange(model.Suspect.Identifiers.Select(i => ($"{t.IdentifierKind(i.Kind)}: {i.Value}", body)));
        page.Field(t["suspect"], suspectLines, bold, XBrushes.Black);
        if (model.Child is { } child)
        {
            page.Field(t["child"], [(child.DisplayName, body)], bold, XBrushes.Black);
        }

        page.Field(t["dates"], [(t.Format("datesValue", t.Time(model.FirstMessage), t.Time(model.LastMessage), model.MessageCount), body)], bold, XBrushes.Black);
        if (model.FirstAlert is int fa)
        {
            page.Field(t["firstAlert"], [(t.Format("firstAlertValue", fa, t.Time(model.FirstAlertTime)), body)], bold, XBrushes.Black);
        }

        page.Space(4);
        page.Paragraph(t["whatHappened"], h2, XBrushes.Black, after: 2);
        page.Paragraph(model.Summary, body, XBrushes.Black, after: 6);
        page.Paragraph(t["tacticsFound"], h2, XBrushes.Black, after: 2);
        if (model.Tactics.Count == 0)
        {
            page.Paragraph(t["none"], body, XBrushes.Black);
        }

        foreach (var tactic in model.Tactics.Take(MaxTacticsOnFirstPage))
        {
            page.Paragraph("• " + t.Format("tacticLine", tactic.Name, tactic.Count, tactic.FirstMessage), body, XBrushes.Black, indent: 6, after: 1);
        }

        if (model.Tactics.Count > MaxTacticsOnFirstPage)
        {
            page.Paragraph("• " + t.Format("moreTactics", model.Tactics.Count - MaxTacticsOnFirstPage), body, XBrushes.Black, indent: 6, after: 1);
        }

        page.Space(5);
        page.Paragraph(t.Format("evidenceLine", model.Evidence.Count, model.Custody?.Entries ?? 0, HtmlReportRenderer.CustodyWord(t, model.Custody)), body, XBrushes.Black);

        // ---- Timeline ----
        page.NewPage();
        page.Paragraph(t["timeline"], h2, XBrushes.Black, after: 2);
        page.Paragraph(t["timelineIntro"], small, grey, after: 6);
        var gapsBefore = model.Gaps.ToDictionary(g => g.FirstIndex + g.Count);
        foreach (var entry in model.Timeline)
        {
            if (gapsBefore.TryGetValue(entry.Index, out var gap))
            {
                page.Paragraph(t.Format("timelineGap", gap.Count), small, grey, indent: 12);
            }

            var head = $"{(entry.Flagged ? "▶ " : "")}#{entry.Index.ToString(CultureInfo.InvariantCulture)} · {t.Time(entry.Time)} · {entry.Author}"
                + (entry.BySuspect ? $" ({t["suspectMark"]})" : "");
            page.EnsureSpace(PdfLayout.LineHeight(bold) * 2.5);
            page.Paragraph(head, bold, entry.Flagged ? accent : XBrushes.Black, after: 0);
            if (entry.Text.Length > 0)
            {
                page.Paragraph(entry.Text, body, XBrushes.Black, indent: 14, after: 1);
            }

            foreach (var media in entry.Media)
            {
                page.Placeholder(HtmlReportRenderer.MediaLine(t, media), mono, 14);
            }

            if (entry.Flagged)
            {
                var found = string.Join("; ", entry.Tactics.Select(m => $"{m.Name} (“{m.Evidence}”)"));
                page.Paragraph($"{t["tacticsIn"]}: {found}", small, accent, indent: 14, after: 1);
            }

            page.Space(3);
        }

        if (model.Timeline.Count > 0 && model.Gaps.LastOrDefault() is { } tail && tail.FirstIndex > model.Timeline[^1].Index)
        {
            page.Paragraph(t.Format("timelineGap", tail.Count), small, grey, indent: 12);
        }

        // ---- Risk figures ----
        page.Space(8);
        page.EnsureSpace(160);
        page.Paragraph(t["riskTitle"], h2, XBrushes.Black, after: 4);
        page.Field(t["riskScore"], [(model.Risk.ToString("P0", CultureInfo.InvariantCulture), body)], bold, XBrushes.Black);
        page.Field(t["levelLabel"], [(t.Level(model.Level), body)], bold, XBrushes.Black);
        page.Field(t["riskAlert"], [(model.Alert ? t["yes"] : t["no"], body)], bold, XBrushes.Black);
        page.Field(t["messages"], [(model.MessageCount.ToString(CultureInfo.InvariantCulture), body)], bold, XBrushes.Black);
        page.Field(t["flaggedMessages"], [(model.FlaggedMessages.ToString(CultureInfo.InvariantCulture), body)], bold, XBrushes.Black);
        page.Field(t["stages"], [(model.Stages.Count == 0 ? t["none"] : string.Join(", ", model.Stages.Select(s => t.Stage(s.Stage))), body)], bold, XBrushes.Black);
        page.Field(t["analysisSource"], [(model.AnalysisSource, body)], bold, XBrushes.Black);
        page.Space(4);
        page.Banner(t["modelParagraph"], body, XColor.FromArgb(85, 85, 119), XColor.FromArgb(243, 243, 246));

        // ---- Evidence and custody ----
        page.Space(8);
        page.EnsureSpace(120);
        page.Paragraph(t["evidenceTitle"], h2, XBrushes.Black, after: 2);
        page.Paragraph(t["evidenceIntro"], small, grey, after: 6);
        if (model.Evidence.Count == 0)
        {
            page.Paragraph(t["noEvidence"], body, XBrushes.Black);
        }

        foreach (var item in model.Evidence)
        {
            page.EnsureSpace(70);
            page.Field(t["item"], [(item.Name + (item.IsImage ? $" ({t["imageItem"]})" : ""), bold)], bold, XBrushes.Black);
            page.Field("SHA-256", [(item.Sha256, mono)], bold, XBrushes.Black);
            if (item.Md5 is { } md5)
            {
                page.Field("MD5", [(md5, mono)], bold, XBrushes.Black);
            }

            if (item.Size is long size)
            {
                page.Field(t["size"], [(t.Format("bytes", size.ToString("N0", CultureInfo.InvariantCulture)), body)], bold, XBrushes.Black);
            }

            if (item.CapturedBy is not null || item.CapturedAt is not null)
            {
                page.Field(t["captured"], [(t.Format("capturedValue", item.CapturedBy ?? t["unknown"], t.Time(item.CapturedAt)), body)], bold, XBrushes.Black);
            }

            if (item.Device is not null || item.App is not null)
            {
                page.Field(t["device"], [(Join(item.Device, item.App), body)], bold, XBrushes.Black);
            }

            page.Space(4);
        }

        page.Paragraph(t["custodyTitle"], bold, XBrushes.Black, after: 2);
        if (model.Custody is { } custody)
        {
            page.Paragraph(t.Format("custodySummary", custody.Entries, t.Time(custody.First), t.Time(custody.Last), HtmlReportRenderer.CustodyWord(t, custody), custody.LastEntryHash ?? t["unknown"]), body, XBrushes.Black);
            foreach (var entry in custody.Log.OrderBy(c => c.Sequence))
            {
                page.Paragraph($"{entry.Sequence}. {t.Time(entry.Time)} · {entry.Actor} · {entry.Action}", small, XBrushes.Black, indent: 8, after: 0);
                page.Paragraph(entry.EntryHash, mono, grey, indent: 20, after: 2);
            }
        }
        else
        {
            page.Paragraph(t["custodyEmpty"], body, XBrushes.Black);
        }

        // ---- Images ----
        page.Space(6);
        page.EnsureSpace(60);
        page.Paragraph(t["imagesTitle"], h2, XBrushes.Black, after: 2);
        page.Paragraph(t["imagesIntro"], small, grey, after: 4);
        foreach (var image in model.Images)
        {
            var where = image.MessageIndex is int mi ? $"#{mi.ToString(CultureInfo.InvariantCulture)} " : "";
            page.Placeholder(where + HtmlReportRenderer.MediaLine(t, image), mono, 0);
        }

        if (model.Images.Count == 0)
        {
            page.Paragraph(t["none"], body, XBrushes.Black);
        }

        // ---- Guidance ----
        page.Space(6);
        page.EnsureSpace(80);
        page.Paragraph(t["guidanceTitle"], h2, XBrushes.Black, after: 4);
        int n = 1;
        foreach (var step in model.Guidance)
        {
            page.EnsureSpace(40);
            page.Paragraph($"{n++}. {step.Title}", bold, XBrushes.Black, after: 0);
            page.Paragraph(step.Text, body, XBrushes.Black, indent: 14, after: 3);
        }

        if (model.Diagnostics.Count > 0)
        {
            page.Space(6);
            page.Paragraph(t["diagnosticsTitle"], bold, XBrushes.Black, after: 2);
            foreach (var d in model.Diagnostics)
            {
                page.Paragraph(d.ToString(), small, XBrushes.Black, indent: 8, after: 1);
            }
        }

        page.DecoratePages((gfx, number, count) =>
        {
            gfx.DrawLine(new XPen(XColors.LightGray, 0.5), PdfLayout.Left, PdfLayout.Bottom + 14, PdfLayout.Right, PdfLayout.Bottom + 14);
            gfx.DrawString(t["footer"], small, grey, new XPoint(PdfLayout.Left, PdfLayout.Bottom + 18), XStringFormats.TopLeft);
            gfx.DrawString(t.Format("page", number, count), small, grey, new XPoint(PdfLayout.Right, PdfLayout.Bottom + 18), XStringFormats.TopRight);
        });

        document.Save(output, false);
    }

    private static (XColor Bar, XColor Fill) LevelColours(RiskLevel level) => level switch
    {
        RiskLevel.Critical => (XColor.FromArgb(170, 0, 0), XColor.FromArgb(251, 234, 234)),
        RiskLevel.High => (XColor.FromArgb(204, 102, 0), XColor.FromArgb(253, 241, 230)),
        RiskLevel.Medium => (XColor.FromArgb(187, 153, 0), XColor.FromArgb(253, 248, 230)),
        RiskLevel.Low => (XColor.FromArgb(120, 120, 120), XColor.FromArgb(242, 242, 242)),
        RiskLevel.None => (XColor.FromArgb(120, 120, 120), XColor.FromArgb(242, 242, 242)),
    };

    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
