using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Amparo.Web.Api;

/// <summary>Authenticates platform clients by <c>Authorization: Bearer amp_…</c> or <c>X-Api-Key: amp_…</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "ApiKey";
    public const string KeyIdClaim = "amparo:key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = null;
        string? auth = Request.Headers.Authorization;
        if (auth is not null && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = auth["Bearer ".Length..].Trim();
        }
        else if (Request.Headers.TryGetValue("X-Api-Key", out var header))
        {
            key = header.ToString().Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        var client = await keys.FindAsync(key, Context.RequestAborted);
        if (client is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, client.OwnerId), new Claim(ClaimTypes.Name, client.Name), new Claim(KeyIdClaim, client.KeyId)],
            Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"amparo\"";
        return Task.CompletedTask;
    }
}

public static class ApiClaims
{
    public static ApiClient Client(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? throw new InvalidOperationException("not an API client"),
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("not an API client"),
        user.FindFirstValue(ClaimTypes.Name) ?? "");
}
