using System.Collections.Concurrent;
using System.Text.Json;
using Amparo.Web.Conversations;
using Amparo.Web.Storage;
using Amparo.Web.Webhooks;
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

/// <summary>
/// Stores alerts. Writes go through one writer thread that commits whatever has queued up in a single transaction
/// (group commit): many request threads each opening a write transaction would queue on SQLite's write lock,
/// sleeping in its busy handler while they hold thread-pool threads, and that stalls every other request. A
/// request still waits until its alert is committed, so an alert id it returns is always durable. The webhook
/// deliveries for the alert are written in the same transaction (the outbox), so a restart never loses them.
/// </summary>
public sealed class AlertStore : IDisposable
{
    private const int MaxBatch = 256;
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly WebhookSignal _signal;
    private readonly BlockingCollection<PendingAlert> _queue = new(new ConcurrentQueue<PendingAlert>());
    private readonly Thread _writer;

    private sealed record PendingAlert(string OwnerId, AlertRecord Alert, TaskCompletionSource Done);

    public AlertStore(Database db, TimeProvider time, WebhookSignal signal)
    {
        _db = db;
        _time = time;
        _signal = signal;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "amparo-alert-writer" };
        _writer.Start();
    }

    /// <summary>Stores an alert and queues its webhook deliveries; completes once both are committed.</summary>
    public async Task<AlertRecord> AddAsync(string ownerId, string? apiKeyId, string conversationId, int messageIndex, double risk, string level, string? suspect, IReadOnlyList<ScoreIndicator> indicators, CancellationToken ct)
    {
        var alert = new AlertRecord(Ids.New("alert"), conversationId, messageIndex, risk, level, suspect, indicators, Ids.Time(_time.GetUtcNow()), apiKeyId);
        var pending = new PendingAlert(ownerId, alert, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            _queue.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(AlertStore), "The application is stopping.");
        }

        // A cancelled request stops waiting; the alert is still written (it was raised, and is listed later).
        await pending.Done.Task.WaitAsync(ct).ConfigureAwait(false);
        return alert;
    }

    private void WriteLoop()
    {
        var batch = new List<PendingAlert>(MaxBatch);
        while (_queue.TryTake(out var first, Timeout.Infinite))
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var more))
            {
                batch.Add(more);
            }

            try
            {
                Write(batch);
                foreach (var p in batch)
                {
                    p.Done.TrySetResult();
                }

                _signal.Notify();
            }
            catch (Exception ex)
            {
                // Whatever went wrong belongs to the requests waiting on this batch; the writer itself must live on,
                // or every later alert would wait forever.
                foreach (var p in batch)
                {
                    p.Done.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private void Write(List<PendingAlert> batch)
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using var c = _db.Open();
        using var tx = c.BeginTransaction();
        foreach (var (ownerId, alert, _) in batch)
        {
            c.Execute(
                "INSERT INTO alerts(id,owner_id,api_key_id,conversation_id,message_index,risk,level,suspect,indicators,created) VALUES(@Id,@ownerId,@ApiKeyId,@ConversationId,@MessageIndex,@Risk,@Level,@Suspect,@indicators,@Created)",
                new { alert.Id, ownerId, alert.ApiKeyId, alert.ConversationId, alert.MessageIndex, alert.Risk, alert.Level, alert.Suspect, indicators = JsonSerializer.Serialize(alert.Indicators, StoreJson.Options), alert.Created },
                tx);
            c.Execute(
                "INSERT INTO webhook_outbox(webhook_id,alert_id,attempts,due) SELECT id,@Id,0,@now FROM webhooks WHERE owner_id=@ownerId AND active=1",
                new { alert.Id, now, ownerId },
                tx);
        }

        tx.Commit();
    }

    /// <summary>Stops taking alerts and lets the writer commit what is queued.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join(TimeSpan.FromSeconds(30));
        _queue.Dispose();
    }

    public static AlertRecord FromRow(string id, string conversationId, long messageIndex, double risk, string level, string? suspect, string indicators, string created, string? apiKeyId) =>
        new(id, conversationId, (int)messageIndex, risk, level, suspect,
            JsonSerializer.Deserialize<List<ScoreIndicator>>(indicators, StoreJson.Options) ?? [], created, apiKeyId);

    /// <summary>Newest first; <paramref name="before"/> pages back by creation time.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string ownerId, string? conversationId, string? before, int limit, CancellationToken ct)
    {
        await using var c = await _db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string id, string conversation_id, long message_index, double risk, string level, string? suspect, string indicators, string created, string? api_key_id)>(
            """
            SELECT id, conversation_id, message_index, risk, level, suspect, indicators, created, api_key_id FROM alerts
            WHERE owner_id=@ownerId AND (@conversationId IS NULL OR conversation_id=@conversationId) AND (@before IS NULL OR created < @before)
            ORDER BY created DESC, id LIMIT @limit
            """, new { ownerId, conversationId, before, limit = Math.Clamp(limit, 1, 500) });
        return rows.Select(r => FromRow(r.id, r.conversation_id, r.message_index, r.risk, r.level, r.suspect, r.indicators, r.created, r.api_key_id)).ToList();
    }
}
