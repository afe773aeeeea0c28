using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Amparo.Web.Alerts;
using Amparo.Web.Conversations;
using Amparo.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Amparo.Web.Webhooks;

/// <summary>
/// Sends each alert to the owner's webhooks: a signed JSON POST, retried with exponential backoff
/// (<see cref="WebhookOptions.FirstRetryDelay"/>, doubling) until a 2xx or <see cref="WebhookOptions.MaxAttempts"/>;
/// every attempt goes into the delivery log. Deliveries live in the database outbox (written with their alert), and
/// each attempt's outcome and the next retry time are committed together, so a restart resumes where it stopped:
/// at most the attempt in flight is repeated, which receivers recognise by <c>X-Amparo-Delivery</c>.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookStore store,
    WebhookSignal signal,
    IHttpClientFactory httpFactory,
    IOptions<AmparoWebOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int MaxConcurrent = 16;
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _concurrency = new(MaxConcurrent);
    private readonly ConcurrentDictionary<(string WebhookId, string AlertId), byte> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                long now = time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var delivery in await store.DueAsync(now, 4 * MaxConcurrent, stoppingToken))
                {
                    if (!_inFlight.TryAdd((delivery.WebhookId, delivery.Alert.Id), 0))
                    {
                        continue;
                    }

                    await _concurrency.WaitAsync(stoppingToken);
                    running.Add(Task.Run(() => AttemptAsync(delivery, stoppingToken), stoppingToken));
                }

                running.RemoveAll(t => t.IsCompleted);
                long? next = await store.NextDueAsync(stoppingToken);
                now = time.GetUtcNow().ToUnixTimeMilliseconds();
                // Due rows that are all in flight wake us when their attempt ends (Notify); otherwise sleep until the
                // next retry is due, or new alerts arrive.
                var wait = next is not { } due ? IdleWait
                    : due <= now ? TimeSpan.FromSeconds(1)
                    : TimeSpan.FromMilliseconds(Math.Min(due - now, IdleWait.TotalMilliseconds));
                await signal.WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static byte[] Payload(AlertRecord alert) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        @event = "alert",
        id = alert.Id,
        conversationId = alert.ConversationId,
        messageIndex = alert.MessageIndex,
        risk = alert.Risk,
        level = alert.Level,
        suspect = alert.Suspect,
        indicators = alert.Indicators,
        created = alert.Created,
    }, StoreJson.Options);

    private async Task AttemptAsync(DueDelivery delivery, CancellationToken ct)
    {
        try
        {
            await DeliverOnceAsync(delivery, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the delivery stays in the outbox and is tried again after the restart.
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            logger.LogError(ex, "Webhook {Hook}: could not record the attempt for alert {Alert}", delivery.WebhookId, delivery.Alert.Id);
        }
        finally
        {
            _inFlight.TryRemove((delivery.WebhookId, delivery.Alert.Id), out _);
            _concurrency.Release();
            signal.Notify();
        }
    }

    private async Task DeliverOnceAsync(DueDelivery delivery, CancellationToken ct)
    {
        var opts = options.Value.Webhooks;
        int max = Math.Max(1, opts.MaxAttempts);
        int attempt = delivery.Attempts + 1;
        byte[] body = Payload(delivery.Alert);
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(delivery.Secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.Add("X-Amparo-Event", "alert");
            request.Headers.Add("X-Amparo-Delivery", $"{delivery.Alert.Id}/{delivery.WebhookId}/{attempt}");
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await store.RecordAttemptAsync(delivery, attempt, status, "delivered", null, null, ct);
                return;
            }

            error = "HTTP " + status;
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            error = "timed out";
        }

        if (attempt >= max)
        {
            logger.LogWarning("Webhook {Hook} gave up on alert {Alert} after {Attempts} attempts: {Error}", delivery.WebhookId, delivery.Alert.Id, attempt, error);
            await store.RecordAttemptAsync(delivery, attempt, status, "gave-up", error, null, ct);
            return;
        }

        var delay = opts.FirstRetryDelay * Math.Pow(2, attempt - 1);
        long retryAt = time.GetUtcNow().Add(delay).ToUnixTimeMilliseconds();
        await store.RecordAttemptAsync(delivery, attempt, status, "retrying", error, retryAt, ct);
    }
}
