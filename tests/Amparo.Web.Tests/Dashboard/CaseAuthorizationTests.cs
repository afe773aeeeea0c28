using System.Net;
using Amparo.Web.Tests.Infrastructure;

namespace Amparo.Web.Tests.Dashboard;

public sealed class CaseAuthorizationTests
{
    [Fact]
    public async Task One_user_cannot_read_or_change_another_users_case_by_id()
    {
        using var factory = new AmparoFactory();
        using var owner = factory.Dashboard();
        using var other = factory.Dashboard();
        await owner.RegisterAsync("owner@example.org");
        await other.RegisterAsync("other@example.org");
        string caseId = await owner.CreateCaseAsync("Private case");
        (await owner.UploadAsync(caseId, ("notes.txt", "private notes"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await other.Http.GetAsync($"/app/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Http.GetAsync($"/app/cases/{caseId}/activity")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/app/cases/{caseId}/verify", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.UploadAsync(caseId, ("planted.txt", "x"u8.ToArray()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Http.GetStringAsync("/app/cases")).ShouldNotContain(caseId);

        // The owner still sees exactly one file: nothing was planted.
        (await owner.Http.GetStringAsync($"/app/cases/{caseId}")).ShouldNotContain("planted.txt");
    }

    [Fact]
    public async Task A_case_id_that_does_not_exist_looks_the_same_as_one_that_is_not_yours()
    {
        using var factory = new AmparoFactory();
        using var owner = factory.Dashboard();
        using var other = factory.Dashboard();
        await owner.RegisterAsync("owner@example.org");
        await other.RegisterAsync("other@example.org");
        string caseId = await owner.CreateCaseAsync("Private case");
        var notYours = await other.Http.GetAsync($"/app/cases/{caseId}");
        var missing = await other.Http.GetAsync("/app/cases/case_00000000000000000000000000000000");
        notYours.StatusCode.ShouldBe(missing.StatusCode);
        static string WithoutTrace(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
        WithoutTrace(await notYours.Content.ReadAsStringAsync()).ShouldBe(WithoutTrace(await missing.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Anonymous_requests_to_the_dashboard_are_unauthorized()
    {
        using var factory = new AmparoFactory();
        using var anonymous = factory.Dashboard();
        (await anonymous.Http.GetAsync("/app/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.Http.GetAsync("/app/conversations/conv_x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/app/cases", new { title = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_guardian_cannot_reach_the_platform_or_account_administration()
    {
        using var factory = new AmparoFactory();
        using var admin = factory.Dashboard();
        using var guardian = factory.Dashboard();
        await admin.RegisterAsync("admin@example.org");
        await guardian.RegisterAsync("parent@example.org");
        (await guardian.PostAsync("/app/platform/keys", new { name = "k" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await guardian.Http.GetAsync("/app/platform/alerts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await guardian.Http.GetAsync("/app/account/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
