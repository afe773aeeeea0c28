using System.Net;
using System.Net.Http.Json;
using Amparo.Web.Tests.Infrastructure;

namespace Amparo.Web.Tests.Dashboard;

public sealed class CsrfTests
{
    [Fact]
    public async Task A_state_changing_request_without_the_antiforgery_token_is_refused()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        var res = await client.Http.PostAsJsonAsync("/app/cases", new { title = "no token" });
        res.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await res.Content.ReadAsStringAsync()).ShouldContain("antiforgery");
        (await client.Http.GetFromJsonAsync<List<object>>("/app/cases"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        using var factory = new AmparoFactory();
        using var victim = factory.Dashboard();
        using var attacker = factory.Dashboard();
        await victim.RegisterAsync("victim@example.org");
        await attacker.RegisterAsync("attacker@example.org");

        using var req = new HttpRequestMessage(HttpMethod.Post, "/app/cases") { Content = JsonContent.Create(new { title = "forged" }) };
        req.Headers.Add("X-CSRF-TOKEN", attacker.Csrf);
        (await victim.Http.SendAsync(req)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Uploads_need_the_token_too()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org");
        string caseId = await client.CreateCaseAsync("case");
        using var form = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "files", "a.txt" } };
        (await client.Http.PostAsync($"/app/cases/{caseId}/files", form)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
