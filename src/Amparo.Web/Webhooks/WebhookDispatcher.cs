using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Amparo.Web.Alerts;
using Amparo.Web.Conversations;
using Amparo.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Amparo.Web.Webhooks;

/// <summary>
/// Sends each alert to the owner's webhooks: a signed JSON POST, retried with exponential backoff
/// (<see cref="WebhookOptions.FirstRetryDelay"/>, doubling) until a 2xx or <see cref="WebhookOptions.MaxAttempts"/>;
/// every attempt goes into the delivery log. The alert is stored before it is queued, so a receiver that was down
/// can always catch up with GET /api/v1/alerts.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookStore store,
    IHttpClientFactory httpFactory,
    IOptions<AmparoWebOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private readonly Channel<(string OwnerId, AlertRecord Alert)> _queue = Channel.CreateBounded<(string, AlertRecord)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SemaphoreSlim _concurrency = new(16);

    public void Enqueue(string ownerId, AlertRecord alert) => _queue.Writer.TryWrite((ownerId, alert));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var (ownerId, alert) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var hooks = await store.ActiveAsync(ownerId, stoppingToken);
                foreach (var hook in hooks)
                {
                    await _concurrency.WaitAsync(stoppingToken);
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await DeliverAsync(hook.Id, hook.Url, hook.Secret, alert, stoppingToken);
                        }
                        finally
                        {
                            _concurrency.Release();
                        }
                    }, stoppingToken));
                }

                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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

    private async Task DeliverAsync(string hookId, string url, string secret, AlertRecord alert, CancellationToken ct)
    {
        byte[] body = Payload(alert);
        var opts = options.Value.Webhooks;
        int max = Math.Max(1, opts.MaxAttempts);
        var client = httpFactory.CreateClient(HttpClientName);
        for (int attempt = 1; attempt <= max; attempt++)
        {
            int? status = null;
            string? error = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
                request.Headers.Add("X-Amparo-Event", "alert");
                request.Headers.Add("X-Amparo-Delivery", $"{alert.Id}/{hookId}/{attempt}");
                using var response = await client.SendAsync(request, ct);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    await store.LogAsync(hookId, alert.Id, attempt, status, "delivered", null, ct);
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

            bool last = attempt == max;
            await store.LogAsync(hookId, alert.Id, attempt, status, last ? "gave-up" : "retrying", error, ct);
            if (last)
            {
                logger.LogWarning("Webhook {Hook} gave up on alert {Alert} after {Attempts} attempts: {Error}", hookId, alert.Id, attempt, error);
                return;
            }

            var delay = opts.FirstRetryDelay * Math.Pow(2, attempt - 1);
            await Task.Delay(delay, time, ct);
        }
    }
}
