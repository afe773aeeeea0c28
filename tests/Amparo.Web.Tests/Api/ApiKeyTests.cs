using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amparo.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Amparo.Web.Tests.Api;

public sealed class ApiKeyTests
{
    [Fact]
    public async Task The_api_refuses_requests_without_a_valid_key()
    {
        using var factory = new AmparoFactory();
        var client = factory.CreateClient();
        (await client.GetAsync("/api/v1/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "amp_not-a-real-key");
        (await client.GetAsync("/api/v1/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_dashboard_cookie_is_not_an_api_key()
    {
        using var factory = new AmparoFactory();
        using var dashboard = factory.Dashboard();
        await dashboard.RegisterAsync("admin@example.org");
        (await dashboard.Http.GetAsync("/api/v1/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_and_a_revoked_key_stops_working()
    {
        using var factory = new AmparoFactory();
        var (api, dashboard) = await ApiFactory.PlatformClientAsync(factory);
        string key = api.DefaultRequestHeaders.Authorization!.Parameter!;
        (await api.GetAsync("/api/v1/alerts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using (var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "amparo-web.db")};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT key_hash || prefix FROM api_keys";
            string stored = (string)cmd.ExecuteScalar()!;
            stored.ShouldNotContain(key);
            stored.ShouldContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))));
        }

        var keys = await dashboard.Http.GetFromJsonAsync<JsonElement>("/app/platform/keys");
        string keyId = keys[0].GetProperty("id").GetString()!;
        (await dashboard.SendAsync(HttpMethod.Delete, $"/app/platform/keys/{keyId}", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync("/api/v1/alerts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_api_is_rate_limited_per_client()
    {
        using var factory = new AmparoFactory(new() { ["Amparo:ApiRequestsPerSecond"] = "5" });
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 12; i++)
        {
            codes.Add((await api.GetAsync("/api/v1/alerts")).StatusCode);
        }

        codes.Count(c => c == HttpStatusCode.OK).ShouldBeInRange(5, 7);
        codes.ShouldContain(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        using var factory = new AmparoFactory();
        var doc = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        paths.TryGetProperty("/api/v1/conversations/{id}/messages", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/score", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/alerts", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/webhooks", out _).ShouldBeTrue();
        paths.EnumerateObject().ShouldAllBe(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal));
        doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("apiKey", out _).ShouldBeTrue();
    }
}
