using System.Security.Claims;
using Amparo.Web.Cases;

namespace Amparo.Web.Webhooks;

public sealed record CreateWebhookRequest(string Url);

public static class WebhookEndpoints
{
    public static void MapWebhooks(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/webhooks");

        g.MapPost("/", async (CreateWebhookRequest req, ClaimsPrincipal user, WebhookStore store, CancellationToken ct) =>
        {
            if (WebhookStore.Validate(req.Url) is { } error)
            {
                return Results.Problem(statusCode: 400, title: "url-invalid", detail: error);
            }

            var created = await store.CreateAsync(user.UserId(), req.Url, ct);
            return Results.Created($"/api/v1/webhooks/{created.Id}", created);
        })
        .WithName("CreateWebhook")
        .WithSummary("Registers a URL that receives a signed POST whenever an alert fires.")
        .WithDescription("The answer holds the signing secret, shown only once. Each delivery carries X-Amparo-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, \"<t>.<body>\")>; failed deliveries are retried with exponential backoff.");

        g.MapGet("/", async (ClaimsPrincipal user, WebhookStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(user.UserId(), ct))).WithName("ListWebhooks");

        g.MapDelete("/{id}", async (string id, ClaimsPrincipal user, WebhookStore store, CancellationToken ct) =>
            await store.DeactivateAsync(user.UserId(), id, ct) ? Results.NoContent() : Results.NotFound()).WithName("DeleteWebhook");

        g.MapGet("/{id}/deliveries", async (string id, int? limit, ClaimsPrincipal user, WebhookStore store, CancellationToken ct) =>
            await store.OwnsAsync(user.UserId(), id, ct) ? Results.Ok(await store.DeliveriesAsync(id, limit ?? 100, ct)) : Results.NotFound())
            .WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log of one webhook, newest first: every attempt with its HTTP status and outcome.");
    }
}
