using System.Security.Cryptography;
using Amparo.Web.Alerts;
using Amparo.Web.Storage;
using Dapper;

namespace Amparo.Web.Webhooks;

public sealed record WebhookInfo(string Id, string Url, string Created, bool Active);

public sealed record WebhookCreated(string Id, string Url, string Created, string Secret);

/// <summary>A delivery due from the outbox: the receiver, the alert, and how many attempts were made so far.</summary>
public sealed record DueDelivery(string WebhookId, string Url, string Secret, AlertRecord Alert, int Attempts);

public sealed record WebhookDelivery(long Id, string WebhookId, string AlertId, int Attempt, string Time, int? Status, string Outcome, string? Error);

public sealed class WebhookStore(Database db, TimeProvider time)
{
    /// <summary>Checks a receiver address: absolute http(s), no credentials in it.</summary>
    public static string? Validate(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo) && url!.Length <= 2000
            ? null
            : "The webhook URL must be an absolute http:// or https:// address without credentials.";

    public async Task<WebhookCreated> CreateAsync(string ownerId, string url, CancellationToken ct)
    {
        // The secret must be kept to sign deliveries, so it is stored as is; it only authenticates our messages.
        string secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var created = new WebhookCreated(Ids.New("hook"), url, Ids.Time(time.GetUtcNow()), secret);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO webhooks(id,owner_id,url,secret,created,active) VALUES(@Id,@ownerId,@Url,@Secret,@Created,1)",
            new { created.Id, ownerId, created.Url, created.Secret, created.Created });
        return created;
    }

    public async Task<IReadOnlyList<WebhookInfo>> ListAsync(string ownerId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string url, string created, long active)>(
            "SELECT id,url,created,active FROM webhooks WHERE owner_id=@ownerId ORDER BY created", new { ownerId });
        return rows.Select(r => new WebhookInfo(r.id, r.url, r.created, r.active != 0)).ToList();
    }

    public async Task<bool> DeactivateAsync(string ownerId, string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        bool done = await c.ExecuteAsync("UPDATE webhooks SET active=0 WHERE id=@id AND owner_id=@ownerId AND active=1", new { id, ownerId }, tx) == 1;
        if (done)
        {
            // Deliveries still pending for a removed receiver are dropped; the alerts stay listed.
            await c.ExecuteAsync("DELETE FROM webhook_outbox WHERE webhook_id=@id", new { id }, tx);
        }

        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>Outbox deliveries whose time has come, oldest first.</summary>
    public async Task<IReadOnlyList<DueDelivery>> DueAsync(long nowUnixMs, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string webhook_id, string url, string secret, long attempts, string id, string conversation_id, long message_index, double risk, string level, string? suspect, string indicators, string created, string? api_key_id)>(
            """
            SELECT o.webhook_id, w.url, w.secret, o.attempts, a.id, a.conversation_id, a.message_index, a.risk, a.level, a.suspect, a.indicators, a.created, a.api_key_id
            FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id JOIN alerts a ON a.id = o.alert_id
            WHERE o.due <= @nowUnixMs AND w.active = 1
            ORDER BY o.due LIMIT @limit
            """, new { nowUnixMs, limit });
        return rows.Select(r => new DueDelivery(r.webhook_id, r.url, r.secret,
            AlertStore.FromRow(r.id, r.conversation_id, r.message_index, r.risk, r.level, r.suspect, r.indicators, r.created, r.api_key_id),
            (int)r.attempts)).ToList();
    }

    /// <summary>When the next outbox delivery is due (Unix milliseconds), or null when none is pending.</summary>
    public async Task<long?> NextDueAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(
            "SELECT min(o.due) FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id WHERE w.active = 1");
    }

    /// <summary>
    /// Records one attempt in the delivery log and, in the same transaction, either removes the delivery from the
    /// outbox (delivered, or given up) or reschedules it for <paramref name="retryAtUnixMs"/>.
    /// </summary>
    public async Task RecordAttemptAsync(DueDelivery delivery, int attempt, int? status, string outcome, string? error, long? retryAtUnixMs, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var key = new { webhookId = delivery.WebhookId, alertId = delivery.Alert.Id };
        await c.ExecuteAsync(
            "INSERT INTO webhook_deliveries(webhook_id,alert_id,attempt,time,status,outcome,error) VALUES(@webhookId,@alertId,@attempt,@t,@status,@outcome,@error)",
            new { key.webhookId, key.alertId, attempt, t = Ids.Time(time.GetUtcNow()), status, outcome, error }, tx);
        if (retryAtUnixMs is { } due)
        {
            await c.ExecuteAsync("UPDATE webhook_outbox SET attempts=@attempt, due=@due WHERE webhook_id=@webhookId AND alert_id=@alertId",
                new { attempt, due, key.webhookId, key.alertId }, tx);
        }
        else
        {
            await c.ExecuteAsync("DELETE FROM webhook_outbox WHERE webhook_id=@webhookId AND alert_id=@alertId", key, tx);
        }

        await tx.CommitAsync(ct);
    }

    public async Task<bool> OwnsAsync(string ownerId, string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM webhooks WHERE id=@id AND owner_id=@ownerId", new { id, ownerId }) == 1;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string webhookId, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long id, string webhook_id, string alert_id, long attempt, string time, long? status, string outcome, string? error)>(
            "SELECT id,webhook_id,alert_id,attempt,time,status,outcome,error FROM webhook_deliveries WHERE webhook_id=@webhookId ORDER BY id DESC LIMIT @limit",
            new { webhookId, limit = Math.Clamp(limit, 1, 1000) });
        return rows.Select(r => new WebhookDelivery(r.id, r.webhook_id, r.alert_id, (int)r.attempt, r.time, r.status is null ? null : (int)r.status, r.outcome, r.error)).ToList();
    }
}
