using System.Text.Json;
using Amparo.Web.Conversations;
using Amparo.Web.Storage;
using Dapper;

namespace Amparo.Web.Alerts;

/// <summary>An early-warning alert raised by the streaming endpoint.</summary>
public sealed record AlertRecord(
    string Id,
    string ConversationId,
    int MessageIndex,
    double Risk,
    string Level,
    string? Suspect,
    IReadOnlyList<ScoreIndicator> Indicators,
    string Created,
    string? ApiKeyId);

public sealed class AlertStore(Database db, TimeProvider time)
{
    public async Task<AlertRecord> AddAsync(string ownerId, string? apiKeyId, string conversationId, int messageIndex, double risk, string level, string? suspect, IReadOnlyList<ScoreIndicator> indicators, CancellationToken ct)
    {
        var alert = new AlertRecord(Ids.New("alert"), conversationId, messageIndex, risk, level, suspect, indicators, Ids.Time(time.GetUtcNow()), apiKeyId);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO alerts(id,owner_id,api_key_id,conversation_id,message_index,risk,level,suspect,indicators,created) VALUES(@Id,@ownerId,@ApiKeyId,@ConversationId,@MessageIndex,@Risk,@Level,@Suspect,@indicators,@Created)",
            new { alert.Id, ownerId, alert.ApiKeyId, alert.ConversationId, alert.MessageIndex, alert.Risk, alert.Level, alert.Suspect, indicators = JsonSerializer.Serialize(indicators, StoreJson.Options), alert.Created });
        return alert;
    }

    /// <summary>Newest first; <paramref name="before"/> pages back by creation time.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string ownerId, string? conversationId, string? before, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string conversation_id, long message_index, double risk, string level, string? suspect, string indicators, string created, string? api_key_id)>(
            """
            SELECT id, conversation_id, message_index, risk, level, suspect, indicators, created, api_key_id FROM alerts
            WHERE owner_id=@ownerId AND (@conversationId IS NULL OR conversation_id=@conversationId) AND (@before IS NULL OR created < @before)
            ORDER BY created DESC, id LIMIT @limit
            """, new { ownerId, conversationId, before, limit = Math.Clamp(limit, 1, 500) });
        return rows.Select(r => new AlertRecord(r.id, r.conversation_id, (int)r.message_index, r.risk, r.level, r.suspect,
            JsonSerializer.Deserialize<List<ScoreIndicator>>(r.indicators, StoreJson.Options) ?? [], r.created, r.api_key_id)).ToList();
    }
}
