using Microsoft.AspNetCore.Antiforgery;

namespace Amparo.Web.Hosting;

/// <summary>
/// CSRF protection for the cookie-authenticated dashboard endpoints: every unsafe method must carry the
/// antiforgery token (from <c>GET /app/account/antiforgery</c>) in the <see cref="HeaderName"/> header.
/// Minimal APIs only check tokens themselves for form binding; our JSON and streamed-multipart endpoints need this.
/// </summary>
public sealed class Csrf(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                    detail: $"Send the token from GET /app/account/antiforgery in the {HeaderName} header.");
            }
        }

        return await next(context);
    }
}
