using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amparo.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Amparo.Web.Tests.Dashboard;

public sealed class AccountTests
{
    [Fact]
    public async Task The_first_account_becomes_admin_and_later_ones_guardians()
    {
        using var factory = new AmparoFactory();
        using var first = factory.Dashboard();
        using var second = factory.Dashboard();
        (await first.RegisterAsync("ana@example.org")).GetProperty("role").GetString().ShouldBe("admin");
        (await second.RegisterAsync("ben@example.org")).GetProperty("role").GetString().ShouldBe("guardian");
    }

    [Fact]
    public async Task Passwords_are_stored_only_as_PBKDF2_hashes()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        await client.RegisterAsync("ana@example.org", password: "a very long passphrase 42");
        using var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "amparo-web.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT password_hash FROM users";
        string hash = (string)cmd.ExecuteScalar()!;
        hash.ShouldNotContain("passphrase");
        // ASP.NET Core Identity v3 format: 0x01 marker, PBKDF2 with HMAC-SHA512.
        Convert.FromBase64String(hash)[0].ShouldBe((byte)0x01);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_signs_in()
    {
        using var factory = new AmparoFactory();
        using (var client = factory.Dashboard())
        {
            await client.RegisterAsync("ana@example.org", password: "right password here");
        }

        using var fresh = factory.Dashboard();
        (await fresh.LoginAsync("ana@example.org", "wrong password here")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fresh.Http.GetAsync("/app/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fresh.LoginAsync("ANA@example.org", "right password here")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await fresh.Http.GetFromJsonAsync<JsonElement>("/app/account/me");
        me.GetProperty("email").GetString().ShouldBe("ana@example.org");
    }

    [Fact]
    public async Task A_short_password_is_refused_with_a_reason()
    {
        using var factory = new AmparoFactory();
        using var client = factory.Dashboard();
        var res = await client.PostAsync("/app/account/register", new { email = "a@example.org", displayName = "A", password = "short" });
        res.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await res.Content.ReadAsStringAsync()).ShouldContain("password-too-short");
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        using var factory = new AmparoFactory(new() { ["Amparo:LoginAttemptsPerMinute"] = "3" });
        using var client = factory.Dashboard();
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            codes.Add((await client.LoginAsync("nobody@example.org", "wrong password " + i)).StatusCode);
        }

        codes.Take(3).ShouldAllBe(c => c == HttpStatusCode.Unauthorized);
        codes.Skip(3).ShouldAllBe(c => c == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_admin_changes_a_role_and_it_takes_effect_at_once()
    {
        using var factory = new AmparoFactory();
        using var admin = factory.Dashboard();
        using var user = factory.Dashboard();
        await admin.RegisterAsync("admin@example.org");
        string userId = (await user.RegisterAsync("mod@example.org")).GetProperty("id").GetString()!;
        (await user.Http.GetAsync("/app/platform/keys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await user.SendAsync(HttpMethod.Put, $"/app/account/users/{userId}/role", new { role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await admin.SendAsync(HttpMethod.Put, $"/app/account/users/{userId}/role", new { role = "moderator" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await user.Http.GetAsync("/app/platform/keys")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
