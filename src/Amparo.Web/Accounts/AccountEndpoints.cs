using System.Security.Claims;
using Amparo.Web.Hosting;
using Amparo.Web.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Amparo.Web.Accounts;

public sealed record RegisterRequest(string Email, string DisplayName, string Password, string? Language);

public sealed record LoginRequest(string Email, string Password);

public sealed record LanguageRequest(string Language);

public sealed record RoleRequest(string Role);

public sealed record UserView(string Id, string Email, string DisplayName, string Role, string Language)
{
    public static UserView Of(User u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.Language);
}

public static class AccountEndpoints
{
    public static void MapAccounts(this RouteGroupBuilder app)
    {
        var g = app.MapGroup("/account");

        // The token is bound to the signed-in user, so the page fetches a fresh one after signing in or out.
        g.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return Results.Ok(new { token = tokens.RequestToken, header = Csrf.HeaderName });
        });

        g.MapPost("/register", async (RegisterRequest req, HttpContext http, UserStore users, ActivityLog log, CancellationToken ct) =>
        {
            var (user, error) = await users.RegisterAsync(req.Email ?? "", req.DisplayName ?? "", req.Password ?? "", req.Language ?? "en", ct);
            if (user is null)
            {
                return Results.Problem(statusCode: error == "email-taken" ? 409 : 400, title: error);
            }

            await SignInAsync(http, user);
            await log.AppendAsync($"{user.DisplayName} <{user.Email}> ({user.Id})", "account.register", null, "role " + user.Role, ct);
            return Results.Ok(UserView.Of(user));
        }).RequireRateLimiting(HostingExtensions.LoginRateLimit);

        g.MapPost("/login", async (LoginRequest req, HttpContext http, UserStore users, ActivityLog log, CancellationToken ct) =>
        {
            var user = await users.CheckPasswordAsync(req.Email ?? "", req.Password ?? "", ct);
            if (user is null)
            {
                return Results.Problem(statusCode: 401, title: "login-failed");
            }

            await SignInAsync(http, user);
            await log.AppendAsync($"{user.DisplayName} <{user.Email}> ({user.Id})", "account.login", null, "", ct);
            return Results.Ok(UserView.Of(user));
        }).RequireRateLimiting(HostingExtensions.LoginRateLimit);

        g.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });

        g.MapGet("/me", async (ClaimsPrincipal principal, UserStore users, CancellationToken ct) =>
        {
            var user = await users.FindAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
            return user is null ? Results.Unauthorized() : Results.Ok(UserView.Of(user));
        }).RequireAuthorization(Policies.Dashboard);

        g.MapPut("/language", async (LanguageRequest req, ClaimsPrincipal principal, UserStore users, CancellationToken ct) =>
        {
            string lang = req.Language == "es" ? "es" : "en";
            await users.SetLanguageAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, lang, ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.Dashboard);

        g.MapGet("/users", async (UserStore users, CancellationToken ct) =>
            Results.Ok((await users.ListAsync(ct)).Select(UserView.Of))).RequireAuthorization(Policies.Admin);

        g.MapPut("/users/{id}/role", async (string id, RoleRequest req, ClaimsPrincipal principal, UserStore users, ActivityLog log, CancellationToken ct) =>
        {
            if (!Roles.IsKnown(req.Role))
            {
                return Results.Problem(statusCode: 400, title: "role-invalid", detail: "guardian, moderator or admin");
            }

            if (!await users.SetRoleAsync(id, req.Role, ct))
            {
                return Results.NotFound();
            }

            await log.AppendAsync(principal, "account.role", null, $"{id} -> {req.Role}", ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.Admin);
    }

    private static Task SignInAsync(HttpContext http, User user)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Role, user.Role),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Roles are re-read on every request so a demotion takes effect at once, and a deleted account is signed out.</summary>
    public static async Task RefreshPrincipalAsync(CookieValidatePrincipalContext context)
    {
        string? id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var user = id is null ? null : await users.FindAsync(id, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            return;
        }

        if (!string.Equals(context.Principal!.FindFirstValue(ClaimTypes.Role), user.Role, StringComparison.Ordinal))
        {
            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, user.Id),
                    new Claim(ClaimTypes.Name, user.DisplayName),
                    new Claim(ClaimTypes.Email, user.Email),
                    new Claim(ClaimTypes.Role, user.Role),
                ],
                CookieAuthenticationDefaults.AuthenticationScheme);
            context.ReplacePrincipal(new ClaimsPrincipal(identity));
            context.ShouldRenew = true;
        }
    }
}
