using System.Security.Claims;
using Amparo.Web.Accounts;
using Amparo.Web.Alerts;
using Amparo.Web.Cases;
using Amparo.Web.Storage;
using Amparo.Web.Webhooks;

namespace Amparo.Web.Api;

public sealed record CreateKeyRequest(string Name);

/// <summary>The platform side of the dashboard (moderators and admins): API keys, webhooks and the alerts they raised.</summary>
public static class PlatformEndpoints
{
    public static void MapPlatform(this RouteGroupBuilder app)
    {
        var g = app.MapGroup("/platform").RequireAuthorization(Policies.Platform);

        g.MapGet("/keys", async (ClaimsPrincipal user, ApiKeyStore keys, CancellationToken ct) => Results.Ok(await keys.ListAsync(user.UserId(), ct)));

        g.MapPost("/keys", async (CreateKeyRequest req, ClaimsPrincipal user, ApiKeyStore keys, ActivityLog log, CancellationToken ct) =>
        {
            string name = (req.Name ?? "").Trim();
            if (name.Length is 0 or > 100)
            {
                return Results.Problem(statusCode: 400, title: "name-invalid");
            }

            var (info, key) = await keys.CreateAsync(user.UserId(), name, ct);
            await log.AppendAsync(user, "apikey.create", null, $"{info.Id} \"{name}\" {info.Prefix}…", ct);
            return Results.Ok(new { info.Id, info.Name, info.Prefix, info.Created, Key = key });
        });

        g.MapDelete("/keys/{id}", async (string id, ClaimsPrincipal user, ApiKeyStore keys, ActivityLog log, CancellationToken ct) =>
        {
            if (!await keys.RevokeAsync(user.UserId(), id, ct))
            {
                return Results.NotFound();
            }

            await log.AppendAsync(user, "apikey.revoke", null, id, ct);
            return Results.NoContent();
        });

        g.MapGet("/alerts", async (ClaimsPrincipal user, AlertStore alerts, CancellationToken ct) =>
            Results.Ok(await alerts.ListAsync(user.UserId(), null, null, 100, ct)));

        g.MapGet("/webhooks", async (ClaimsPrincipal user, WebhookStore store, CancellationToken ct) =>
        {
            var hooks = await store.ListAsync(user.UserId(), ct);
            var result = new List<object>();
            foreach (var h in hooks)
            {
                result.Add(new { h.Id, h.Url, h.Created, h.Active, Deliveries = await store.DeliveriesAsync(h.Id, 20, ct) });
            }

            return Results.Ok(result);
        });

        g.MapPost("/webhooks", async (CreateWebhookRequest req, ClaimsPrincipal user, WebhookStore store, ActivityLog log, CancellationToken ct) =>
        {
            if (WebhookStore.Validate(req.Url) is { } error)
            {
                return Results.Problem(statusCode: 400, title: "url-invalid", detail: error);
            }

            var created = await store.CreateAsync(user.UserId(), req.Url, ct);
            await log.AppendAsync(user, "webhook.create", null, $"{created.Id} {created.Url}", ct);
            return Results.Ok(created);
        });

        g.MapDelete("/webhooks/{id}", async (string id, ClaimsPrincipal user, WebhookStore store, ActivityLog log, CancellationToken ct) =>
        {
            if (!await store.DeactivateAsync(user.UserId(), id, ct))
            {
                return Results.NotFound();
            }

            await log.AppendAsync(user, "webhook.delete", null, id, ct);
            return Results.NoContent();
        });
    }
}
