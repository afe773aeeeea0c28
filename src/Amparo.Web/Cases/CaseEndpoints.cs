using System.Security.Claims;
using Amparo.Evidence;
using Amparo.Evidence.Bundle;
using Amparo.Reporting.Complaint;
using Amparo.Web.Accounts;
using Amparo.Web.Conversations;
using Amparo.Web.Storage;

namespace Amparo.Web.Cases;

public sealed record CreateCaseRequest(string Title);

public sealed record EvidenceView(string Sha256, string Md5, string FileName, string MediaType, long Size, string Role, string Kind, string AddedAt, string AddedBy, bool ShowAsPlaceholder, string? DerivedFrom, string? Description);

public sealed record LogView(long Seq, string Time, string Actor, string Action, string Detail, string Source);

public static class CaseEndpoints
{
    public static void MapCases(this RouteGroupBuilder app)
    {
        var g = app.MapGroup("/cases").RequireAuthorization(Policies.Dashboard);

        g.MapGet("/", async (ClaimsPrincipal user, CaseStore cases, CancellationToken ct) =>
            Results.Ok(await cases.ListAsync(user.UserId(), ct)));

        g.MapPost("/", async (CreateCaseRequest req, ClaimsPrincipal user, CaseStore cases, CancellationToken ct) =>
        {
            string title = (req.Title ?? "").Trim();
            if (title.Length is 0 or > 200)
            {
                return Results.Problem(statusCode: 400, title: "title-invalid", detail: "A case needs a title of 1 to 200 characters.");
            }

            var info = await cases.CreateAsync(user.UserId(), title, ActivityLog.Actor(user), ct);
            return Results.Created($"/app/cases/{info.Id}", new { info.Id, info.Title, info.Created });
        });

        g.MapGet("/{id}", async (string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations, VaultHost vault, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            var contents = await vault.Vault.GetCaseAsync(info.VaultCaseId, ct);
            return Results.Ok(new
            {
                info.Id,
                info.Title,
                info.Created,
                Files = await cases.FilesAsync(id, ct),
                Evidence = contents.Items.Select(i => new EvidenceView(i.Sha256, i.Md5, i.FileName, i.MediaType, i.Size,
                    i.Role == ItemRole.Original ? "original" : "derived", i.Kind, Ids.Time(i.AddedAt), i.AddedBy, i.ShowAsPlaceholder, i.DerivedFrom, i.Description)),
                Conversations = await conversations.ForCaseAsync(id, ct),
                Capabilities = new { Analysis = true, Report = true, Bundle = true },
            });
        });

        g.MapPost("/{id}/files", async (string id, HttpRequest request, ClaimsPrincipal user, CaseStore cases, UploadService uploads, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            var result = await uploads.UploadAsync(request, info, user, ct);
            return result.Error is null
                ? Results.Ok(result.Files)
                : Results.Problem(statusCode: result.StatusCode, title: result.Error);
        });

        g.MapPost("/{id}/verify", async (string id, ClaimsPrincipal user, CaseStore cases, VaultHost vault, ActivityLog log, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            var report = await vault.Vault.VerifyAsync(info.VaultCaseId, ct);
            await log.AppendAsync(user, "evidence.verify", id,
                report.IsIntact ? $"{report.ItemsChecked} items and {report.LogEntries} log entries intact" : "FAILED: " + string.Join("; ", report.Findings), ct);
            return Results.Ok(new
            {
                Ok = report.IsIntact,
                report.ItemsChecked,
                report.LogEntries,
                report.LogHead,
                Findings = report.Findings.Select(f => new { Kind = f.Kind.ToString().ToLowerInvariant(), f.Subject, f.Detail }),
            });
        });

        g.MapGet("/{id}/activity", async (string id, ClaimsPrincipal user, CaseStore cases, VaultHost vault, ActivityLog log, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            // The vault's hash-chained custody log, plus what the dashboard did around it (verifications, downloads).
            var custody = (await vault.Vault.ReadCustodyLogAsync(info.VaultCaseId, ct))
                .Select(e => new LogView(e.Seq, Ids.Time(e.Time), e.Actor, e.Action, string.Join(", ", e.Items) + " · " + e.Hash[..16], "custody"));
            var dashboard = (await log.ForCaseAsync(id, ct)).Select(e => new LogView(e.Seq, e.Time, e.Actor, e.Action, e.Detail, "dashboard"));
            return Results.Ok(custody.Concat(dashboard).OrderBy(e => e.Time, StringComparer.Ordinal).ToList());
        });

        g.MapGet("/{id}/report", async (string id, string? format, string? lang, string? conversation, ClaimsPrincipal user, CaseStore cases, ReportService reports, ActivityLog log, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            string language = lang == "es" ? "es" : "en";
            var model = await reports.BuildAsync(info, conversation, user, language, ct);
            if (model is null)
            {
                return Results.Problem(statusCode: 409, title: "nothing-to-report", detail: "The case has no analysed conversation yet.");
            }

            bool html = string.Equals(format, "html", StringComparison.OrdinalIgnoreCase);
            await log.AppendAsync(user, "report.download", id, $"{(html ? "HTML" : "PDF")} report, {language}" + (conversation is null ? "" : $", {conversation}"), ct);
            string name = $"amparo-report-{id}-{language}.{(html ? "html" : "pdf")}";
            return html
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(model)), "text/html; charset=utf-8", name)
                : Results.File(PdfReportRenderer.Render(model), "application/pdf", name);
        });

        g.MapGet("/{id}/bundle", async (string id, string? lang, HttpContext http, ClaimsPrincipal user, CaseStore cases, VaultHost vault, ReportService reports, Database db, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            string language = lang == "es" ? "es" : "en";
            var model = await reports.BuildAsync(info, null, user, language, ct);
            var extras = new List<BundleExtraFile>();
            if (model is not null)
            {
                byte[] pdf = PdfReportRenderer.Render(model);
                byte[] html = System.Text.Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(model));
                extras.Add(new BundleExtraFile { Path = $"report/report-{language}.pdf", MediaType = "application/pdf", Open = _ => Task.FromResult<Stream>(new MemoryStream(pdf)) });
                extras.Add(new BundleExtraFile { Path = $"report/report-{language}.html", MediaType = "text/html", Open = _ => Task.FromResult<Stream>(new MemoryStream(html)) });
            }

            // The export is the one sanctioned way plaintext leaves the vault; the staging copy deletes itself when sent.
            string tmp = Path.Combine(db.DataDirectory, "tmp", Ids.New("bundle") + ".zip");
            Directory.CreateDirectory(Path.GetDirectoryName(tmp)!);
            await using (var output = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await vault.Vault.ExportAsync(info.VaultCaseId, output, new ExportOptions { ExtraFiles = extras }, ActivityLog.Actor(user), ct);
            }

            var stream = new FileStream(tmp, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return Results.File(stream, "application/zip", $"amparo-evidence-{id}.zip");
        });
    }

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no signed-in user");
}
