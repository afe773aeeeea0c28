using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Amparo.Web.Hosting;

/// <summary>Names the API and documents its key-based security in the OpenAPI document.</summary>
internal sealed class OpenApiInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Amparo API",
            Version = "v1",
            Description = "Early warning and batch scoring of chats for grooming, for platform trust-and-safety teams. " +
                "Authenticate with an API key created in the dashboard: `Authorization: Bearer amp_…`. " +
                "Every alert names the messages and tactics behind it; a person decides.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An Amparo API key (amp_…).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }
}
