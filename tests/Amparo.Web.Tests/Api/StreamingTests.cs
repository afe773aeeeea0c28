using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amparo.Web.Tests.Infrastructure;
using Amparo.Web.Webhooks;

namespace Amparo.Web.Tests.Api;

public sealed class StreamingTests
{
    [Fact]
    public async Task Each_message_returns_the_current_risk_and_the_alert_fires_once()
    {
        var detector = new ScriptedDetector();
        using var factory = ApiFactory.WithScriptedDetection(detector);
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);

        var first = await PushAsync(api, "chat-1", "u1", "hi there");
        first.GetProperty("messageIndex").GetInt32().ShouldBe(0);
        first.GetProperty("alert").GetBoolean().ShouldBeFalse();
        first.GetProperty("level").GetString().ShouldBe("low");

        await PushAsync(api, "chat-1", "u1", "this is our secret");
        var fired = await PushAsync(api, "chat-1", "u1", "keep it secret");
        fired.GetProperty("alertFiredNow").GetBoolean().ShouldBeTrue();
        fired.GetProperty("alertId").GetString().ShouldStartWith("alert_");
        fired.GetProperty("indicators")[0].GetProperty("id").GetString().ShouldBe("secrecy");

        var after = await PushAsync(api, "chat-1", "u2", "ok");
        after.GetProperty("alert").GetBoolean().ShouldBeTrue();
        after.GetProperty("alertFiredNow").GetBoolean().ShouldBeFalse();

        var alerts = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        alerts.GetArrayLength().ShouldBe(1);
        alerts[0].GetProperty("conversationId").GetString().ShouldBe("chat-1");
        alerts[0].GetProperty("messageIndex").GetInt32().ShouldBe(2);
        alerts[0].GetProperty("suspect").GetString().ShouldBe("u1");
    }

    [Fact]
    public async Task Two_clients_with_the_same_conversation_id_do_not_share_state_or_alerts()
    {
        var detector = new ScriptedDetector();
        using var factory = ApiFactory.WithScriptedDetection(detector);
        var (a, dashboardA) = await ApiFactory.PlatformClientAsync(factory, "a@example.org");
        using var dashboardB = factory.Dashboard();
        await dashboardB.RegisterAsync("b@example.org");
        string idB = (await dashboardB.Http.GetFromJsonAsync<JsonElement>("/app/account/me")).GetProperty("id").GetString()!;
        (await dashboardA.SendAsync(HttpMethod.Put, $"/app/account/users/{idB}/role", new { role = "moderator" })).IsSuccessStatusCode.ShouldBeTrue();
        var b = factory.CreateClient();
        b.DefaultRequestHeaders.Authorization = new("Bearer", await dashboardB.CreateApiKeyAsync());

        await PushAsync(a, "same", "x", "secret");
        (await PushAsync(a, "same", "x", "secret")).GetProperty("alertFiredNow").GetBoolean().ShouldBeTrue();
        (await PushAsync(b, "same", "y", "hello")).GetProperty("messageIndex").GetInt32().ShouldBe(0);
        (await b.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetArrayLength().ShouldBe(0);
        detector.Keys.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_bad_message_gets_a_clear_400()
    {
        using var factory = ApiFactory.WithScriptedDetection(new ScriptedDetector());
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        (await api.PostAsJsonAsync("/api/v1/conversations/c/messages", new { text = "no author" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync("/api/v1/conversations/c/messages", new { author = "a", text = "t", time = "yesterday-ish" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var broken = new StringContent("{not json", Encoding.UTF8, "application/json");
        (await api.PostAsync("/api/v1/conversations/c/messages", broken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync("/api/v1/conversations/c/messages", new { author = "a", text = new string('x', 70_000) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_alert_is_posted_to_the_webhook_signed_and_retried_until_it_is_accepted()
    {
        using var receiver = new WebhookReceiver(failFirst: 2);
        using var factory = ApiFactory.WithScriptedDetection(new ScriptedDetector());
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        var hook = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url })).Content.ReadFromJsonAsync<JsonElement>();
        string secret = hook.GetProperty("secret").GetString()!;
        string hookId = hook.GetProperty("id").GetString()!;

        await PushAsync(api, "c1", "u", "secret");
        await PushAsync(api, "c1", "u", "secret");
        await receiver.WaitForAsync(() => receiver.Received.Any(r => r.Status == 200), TimeSpan.FromSeconds(20));

        var deliveries = receiver.Received.ToList();
        deliveries.Count.ShouldBe(3);
        deliveries.ShouldAllBe(d => WebhookSignature.Verify(secret, d.Signature, d.Body));
        WebhookSignature.Verify("whsec_wrong", deliveries[0].Signature, deliveries[0].Body).ShouldBeFalse();
        var payload = JsonDocument.Parse(deliveries[2].Body).RootElement;
        payload.GetProperty("event").GetString().ShouldBe("alert");
        payload.GetProperty("conversationId").GetString().ShouldBe("c1");

        JsonElement log = default;
        for (int i = 0; i < 40; i++)
        {
            log = await api.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{hookId}/deliveries");
            if (log.GetArrayLength() == 3)
            {
                break;
            }

            await Task.Delay(50);
        }

        var outcomes = log.EnumerateArray().Reverse().Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("status").GetInt32(), d.GetProperty("outcome").GetString())).ToList();
        outcomes.ShouldBe([(1, 500, "retrying"), (2, 500, "retrying"), (3, 200, "delivered")]);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_well_is_given_up_after_the_configured_attempts()
    {
        using var receiver = new WebhookReceiver(failFirst: 100);
        using var factory = ApiFactory.WithScriptedDetection(new ScriptedDetector(), new() { ["Amparo:Webhooks:MaxAttempts"] = "3" });
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        var hook = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url })).Content.ReadFromJsonAsync<JsonElement>();
        await PushAsync(api, "c1", "u", "secret secret");
        await PushAsync(api, "c1", "u", "secret");
        await receiver.WaitForAsync(() => receiver.Received.Count >= 3, TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        receiver.Received.Count.ShouldBe(3);
        var log = await api.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{hook.GetProperty("id").GetString()}/deliveries");
        log[0].GetProperty("outcome").GetString().ShouldBe("gave-up");
    }

    [Fact]
    public async Task A_pending_webhook_retry_survives_a_restart_of_the_app()
    {
        string data = Path.Combine(Path.GetTempPath(), "amparo-web-tests", "restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var receiver = new WebhookReceiver(failFirst: 1);
            string hookId;
            System.Net.Http.Headers.AuthenticationHeaderValue auth;
            using (var first = ApiFactory.WithScriptedDetection(new ScriptedDetector(), new() { ["Amparo:DataDirectory"] = data, ["Amparo:Webhooks:FirstRetryDelay"] = "00:00:02" }))
            {
                var (api, _) = await ApiFactory.PlatformClientAsync(first);
                auth = api.DefaultRequestHeaders.Authorization!;
                var hook = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url })).Content.ReadFromJsonAsync<JsonElement>();
                hookId = hook.GetProperty("id").GetString()!;
                await PushAsync(api, "c1", "u", "secret");
                await PushAsync(api, "c1", "u", "secret");
                await WaitForLogAsync(api, hookId, 1);
            }

            // The app was stopped with the retry pending (due two seconds after the first attempt).
            receiver.Received.Count.ShouldBe(1);
            using var second = ApiFactory.WithScriptedDetection(new ScriptedDetector(), new() { ["Amparo:DataDirectory"] = data });
            var api2 = second.CreateClient();
            api2.DefaultRequestHeaders.Authorization = auth;
            await receiver.WaitForAsync(() => receiver.Received.Any(r => r.Status == 200), TimeSpan.FromSeconds(20));
            var log = await WaitForLogAsync(api2, hookId, 2);
            log.EnumerateArray().Reverse().Select(d => (d.GetProperty("attempt").GetInt32(), d.GetProperty("outcome").GetString()))
                .ShouldBe([(1, "retrying"), (2, "delivered")]);
            await Task.Delay(300);
            receiver.Received.Count.ShouldBe(2);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<JsonElement> WaitForLogAsync(HttpClient api, string hookId, int entries)
    {
        JsonElement log = default;
        for (int i = 0; i < 200; i++)
        {
            log = await api.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{hookId}/deliveries");
            if (log.GetArrayLength() >= entries)
            {
                return log;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the delivery log has {log.GetArrayLength()} entries, expected {entries}");
    }

    [Fact]
    public async Task A_webhook_url_must_be_http_or_https()
    {
        using var factory = ApiFactory.WithScriptedDetection(new ScriptedDetector());
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "javascript:alert(1)" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "file:///etc/passwd" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    internal static async Task<JsonElement> PushAsync(HttpClient api, string conversation, string author, string text)
    {
        var res = await api.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { author, text });
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return await res.Content.ReadFromJsonAsync<JsonElement>();
    }
}
