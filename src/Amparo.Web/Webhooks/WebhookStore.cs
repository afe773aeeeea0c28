using System.Security.Cryptography;
using Amparo.Web.Storage;
using Dapper;

namespace Amparo.Web.Webhooks;

public sealed record WebhookInfo(string Id, string Url, string Created, bool Active);

public sealed record WebhookCreated(string Id, string Url, string Created, string Secret);

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

    /// <summary>Active receivers of one owner, with their secrets, for the dispatcher.</summary>
    public async Task<IReadOnlyList<(string Id, string Url, string Secret)>> ActiveAsync(string ownerId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string url, string secret)>(
            "SELECT id,url,secret FROM webhooks WHERE owner_id=@ownerId AND active=1", new { ownerId });
        return rows.Select(r => (r.id, r.url, r.secret)).ToList();
    }

    public async Task<bool> DeactivateAsync(string ownerId, string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync("UPDATE webhooks SET active=0 WHERE id=@id AND owner_id=@ownerId AND active=1", new { id, ownerId }) == 1;
    }

    public async Task<bool> OwnsAsync(string ownerId, string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM webhooks WHERE id=@id AND owner_id=@ownerId", new { id, ownerId }) == 1;
    }

    public async Task LogAsync(string webhookId, string alertId, int attempt, int? status, string outcome, string? error, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO webhook_deliveries(webhook_id,alert_id,attempt,time,status,outcome,error) VALUES(@webhookId,@alertId,@attempt,@t,@status,@outcome,@error)",
            new { webhookId, alertId, attempt, t = Ids.Time(time.GetUtcNow()), status, outcome, error });
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
