using System.Security.Claims;
using Amparo.Web.Cases;

namespace Amparo.Web.Alerts;

public static class AlertEndpoints
{
    public static void MapAlerts(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async (string? conversationId, string? before, int? limit, ClaimsPrincipal user, AlertStore alerts, CancellationToken ct) =>
            TypedResults.Ok(await alerts.ListAsync(user.UserId(), conversationId, before, limit ?? 100, ct)))
            .WithName("ListAlerts")
            .WithSummary("Alerts raised by the streaming endpoint for this client, newest first.")
            .WithDescription("Filter by conversationId; page back with before=<created of the last alert seen>. limit is 1..500 (default 100).");
    }
}
