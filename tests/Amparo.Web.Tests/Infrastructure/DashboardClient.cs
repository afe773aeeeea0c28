using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Amparo.Web.Tests.Infrastructure;

/// <summary>A browser-like client of the dashboard endpoints: cookies plus the antiforgery header.</summary>
public sealed class DashboardClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public string? Csrf { get; private set; }

    public async Task RefreshCsrfAsync()
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>("/app/account/antiforgery");
        Csrf = doc.GetProperty("token").GetString();
    }

    public async Task<JsonElement> RegisterAsync(string email, string name = "Test Person", string password = "correct horse battery")
    {
        var res = await PostAsync("/app/account/register", new { email, displayName = name, password, language = "en" });
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        await RefreshCsrfAsync();
        return await res.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        var res = await PostAsync("/app/account/login", new { email, password });
        await RefreshCsrfAsync();
        return res;
    }

    public async Task<HttpResponseMessage> PostAsync(string url, object? body)
    {
        if (Csrf is null)
        {
            await RefreshCsrfAsync();
        }

        using var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        req.Headers.Add("X-CSRF-TOKEN", Csrf);
        return await Http.SendAsync(req);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body)
    {
        using var req = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        req.Headers.Add("X-CSRF-TOKEN", Csrf);
        return await Http.SendAsync(req);
    }

    public async Task<string> CreateCaseAsync(string title)
    {
        var res = await PostAsync("/app/cases", new { title });
        res.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<HttpResponseMessage> UploadAsync(string caseId, params (string Name, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        using var req = new HttpRequestMessage(HttpMethod.Post, $"/app/cases/{caseId}/files") { Content = form };
        req.Headers.Add("X-CSRF-TOKEN", Csrf);
        return await Http.SendAsync(req);
    }

    public async Task<string> CreateApiKeyAsync(string name = "platform")
    {
        var res = await PostAsync("/app/platform/keys", new { name });
        res.StatusCode.ShouldBe(HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public void Dispose() => Http.Dispose();
}
