using System.Security.Claims;
using Amparo.Web.Accounts;
using Amparo.Web.Conversations;
using Amparo.Web.Storage;

namespace Amparo.Web.Cases;

public sealed record CreateCaseRequest(string Title);

public sealed record FileCheck(string FileId, string FileName, string Sha256, string State);

public static class CaseEndpoints
{
    public static void MapCases(this RouteGroupBuilder app)
    {
        var g = app.MapGroup("/cases").RequireAuthorization(Policies.Dashboard);

        g.MapGet("/", async (ClaimsPrincipal user, CaseStore cases, CancellationToken ct) =>
            Results.Ok(await cases.ListAsync(user.UserId(), ct)));

        g.MapPost("/", async (CreateCaseRequest req, ClaimsPrincipal user, CaseStore cases, ActivityLog log, CancellationToken ct) =>
        {
            string title = (req.Title ?? "").Trim();
            if (title.Length is 0 or > 200)
            {
                return Results.Problem(statusCode: 400, title: "title-invalid", detail: "A case needs a title of 1 to 200 characters.");
            }

            var info = await cases.CreateAsync(user.UserId(), title, ct);
            await log.AppendAsync(user, "case.create", info.Id, $"\"{title}\"", ct);
            return Results.Created($"/app/cases/{info.Id}", info);
        });

        g.MapGet("/{id}", async (string id, ClaimsPrincipal user, CaseStore cases, ConversationStore conversations, IServiceProvider services, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            return Results.Ok(new
            {
                info.Id,
                info.Title,
                info.Created,
                Files = await cases.FilesAsync(id, ct),
                Conversations = await conversations.ForCaseAsync(id, ct),
                Capabilities = CaseCapabilities.From(services),
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

        g.MapPost("/{id}/verify", async (string id, ClaimsPrincipal user, CaseStore cases, UploadService uploads, ActivityLog log, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            if (info is null)
            {
                return Results.NotFound();
            }

            var checks = new List<FileCheck>();
            foreach (var f in await cases.FilesAsync(id, ct))
            {
                var state = await uploads.Originals.VerifyAsync(f.Sha256, ct);
                checks.Add(new FileCheck(f.Id, f.FileName, f.Sha256, state.ToString().ToLowerInvariant()));
            }

            bool ok = checks.All(c => c.State == "intact");
            await log.AppendAsync(user, "evidence.verify", id, ok ? $"{checks.Count} originals intact" : "FAILED: " + string.Join(", ", checks.Where(c => c.State != "intact").Select(c => $"{c.FileId} {c.State}")), ct);
            return Results.Ok(new { Ok = ok, Files = checks });
        });

        g.MapGet("/{id}/activity", async (string id, ClaimsPrincipal user, CaseStore cases, ActivityLog log, CancellationToken ct) =>
        {
            var info = await cases.GetAsync(id, user.UserId(), ct);
            return info is null ? Results.NotFound() : Results.Ok(await log.ForCaseAsync(id, ct));
        });
    }

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no signed-in user");
}

/// <summary>What this build can do for a case; the page hides what is missing instead of pretending.</summary>
public sealed record CaseCapabilities(bool Analysis, bool Report, bool Bundle)
{
    public static CaseCapabilities From(IServiceProvider services) =>
        new(services.GetService<Amparo.Detection.IConversationAnalyzer>() is not null, false, false);
}
