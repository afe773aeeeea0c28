using System.Security.Claims;
using Amparo.Core;
using Amparo.Detection;
using Amparo.Web.Alerts;
using Amparo.Web.Conversations;

namespace Amparo.Web.Api;

/// <summary>One chat message as a platform sees it, sent as it happens.</summary>
/// <param name="Author">The sender's stable id on the platform.</param>
/// <param name="Text">The message text.</param>
/// <param name="Time">Optional ISO-8601 send time.</param>
public sealed record StreamMessageRequest(string Author, string Text, string? Time);

/// <summary>The conversation's state after the message.</summary>
public sealed record StreamMessageResponse(
    string ConversationId,
    int MessageIndex,
    double Risk,
    string Level,
    bool Alert,
    bool AlertFiredNow,
    string? AlertId,
    string? Suspect,
    IReadOnlyList<ScoreIndicator> Indicators);

public static class StreamingEndpoints
{
    public const int MaxIdLength = 200;
    public const int MaxTextLength = 64 * 1024;

    public static void MapStreaming(this RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{id}/messages", async (string id, StreamMessageRequest message, ClaimsPrincipal user, IServiceProvider services, AlertStore alerts, CancellationToken ct) =>
        {
            var detector = services.GetService<IStreamingDetector>();
            if (detector is null)
            {
                return Results.Problem(statusCode: 503, title: "detection-unavailable", detail: "The streaming detector is not part of this build.");
            }

            if (id.Length > MaxIdLength || message is null || string.IsNullOrEmpty(message.Author) || message.Author.Length > MaxIdLength || message.Text is null || message.Text.Length > MaxTextLength)
            {
                return Results.Problem(statusCode: 400, title: "message-invalid",
                    detail: $"Send {{\"author\", \"text\", \"time\"?}}; ids up to {MaxIdLength} characters, text up to {MaxTextLength}.");
            }

            if (!MessageTime.TryParseInterchange(message.Time, out var time))
            {
                return Results.Problem(statusCode: 400, title: "time-invalid", detail: "time must be ISO-8601, HH:mm[:ss] or absent.");
            }

            var client = user.Client();
            // Conversations are per client: two platforms may use the same id without sharing state.
            var update = detector.Push(client.OwnerId + "\u001f" + id, message.Author, message.Text, time);
            var indicators = update.Indicators.Count == 0 ? [] : update.Indicators.Select(h => new ScoreIndicator(h.IndicatorId, h.MessageIndex, h.Evidence)).ToList();
            string level = Amparo.Detection.Scoring.ScoreJsonl.LevelName(update.Level);
            string? alertId = null;
            if (update.AlertFiredNow)
            {
                var alert = await alerts.AddAsync(client.OwnerId, client.KeyId, id, update.MessageIndex, update.Risk, level, update.Suspect, indicators, ct);
                alertId = alert.Id;
            }

            return Results.Ok(new StreamMessageResponse(id, update.MessageIndex, update.Risk, level, update.Alert, update.AlertFiredNow, alertId, update.Suspect, indicators));
        })
        .WithName("PushMessage")
        .WithSummary("Early warning: adds one message to a conversation and returns the current risk and whether an alert fired.")
        .WithDescription("The decision at message i depends only on messages 0..i. When the alert fires (alertFiredNow), it is stored (GET /api/v1/alerts) and sent to the client's webhooks. Each alert names the messages and tactics behind it; a person decides.")
        .Produces<StreamMessageResponse>()
        .ProducesProblem(400)
        .ProducesProblem(503);

        api.MapDelete("/conversations/{id}", (string id, ClaimsPrincipal user, IServiceProvider services) =>
        {
            var detector = services.GetService<IStreamingDetector>();
            return detector is not null && detector.Forget(user.Client().OwnerId + "\u001f" + id) ? Results.NoContent() : Results.NotFound();
        })
        .WithName("ForgetConversation")
        .WithSummary("Drops the streaming state of a finished conversation (stored alerts stay).");
    }
}
