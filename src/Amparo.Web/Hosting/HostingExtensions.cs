using System.Security.Claims;
using System.Threading.RateLimiting;
using Amparo.Web.Accounts;
using Amparo.Web.Alerts;
using Amparo.Web.Api;
using Amparo.Web.Cases;
using Amparo.Web.Conversations;
using Amparo.Web.Storage;
using Amparo.Web.Webhooks;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Amparo.Web.Hosting;

public static class HostingExtensions
{
    public const string ApiRateLimit = "api";
    public const string LoginRateLimit = "login";

    public static WebApplicationBuilder AddAmparo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AmparoWebOptions.Section);
        services.Configure<AmparoWebOptions>(section);
        var options = section.Get<AmparoWebOptions>() ?? new AmparoWebOptions();

        // Bodies are capped per endpoint (uploads, API); this is only the outer bound.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxUploadBytes, options.MaxApiBodyBytes) + (1 << 20));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<AmparoWebOptions>>().Value.ResolveDataDirectory()));
        services.Configure<PasswordHasherOptions>(o =>
        {
            if (options.PasswordIterations is { } n)
            {
                o.IterationCount = n;
            }
        });
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<UploadService>();
        services.AddSingleton<VaultHost>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = options.Webhooks.Timeout);
        services.AddAmparoEngines();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "amparo.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // A JSON client wants a status code, not a redirect to a login page.
                o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                o.Events.OnValidatePrincipal = AccountEndpoints.RefreshPrincipalAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Scheme, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Dashboard, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .AddPolicy(Policies.Platform, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole(Roles.Moderator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireRole(Roles.Admin))
            .AddPolicy(Policies.ApiClient, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.Scheme).RequireClaim(ApiKeyAuthenticationHandler.KeyIdClaim));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = Csrf.HeaderName;
            o.Cookie.Name = "amparo.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(ApiRateLimit, ctx =>
            {
                // Per client key when authenticated, else per address, so one client cannot starve the others.
                string partition = ctx.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)
                    ?? "ip:" + ctx.Connection.RemoteIpAddress;
                int rate = Math.Max(1, options.ApiRequestsPerSecond);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rate,
                    TokensPerPeriod = rate,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.AddPolicy(LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + ctx.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.LoginAttemptsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiInfoTransformer>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return builder;
    }

    public static WebApplication UseAmparo(this WebApplication app)
    {
        app.Services.GetRequiredService<Database>().Migrate();
        Engines.WarmUp(app.Services);
        app.Services.GetRequiredService<VaultHost>().OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/healthz", () => "ok").ExcludeFromDescription();

        var dashboard = app.MapGroup("/app").AddEndpointFilter<Csrf>().ExcludeFromDescription();
        dashboard.MapAccounts();
        dashboard.MapCases();
        dashboard.MapConversations();
        dashboard.MapPlatform();

        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.ApiClient).RequireRateLimiting(ApiRateLimit).WithTags("api");
        api.MapStreaming();
        api.MapScore();
        api.MapAlerts();
        api.MapWebhooks();
        return app;
    }
}
