using Amparo.Web.Hosting;

// The dashboard and the /api/v1 HTTP API in one host. Everything is wired in Hosting/: services in
// AddAmparo, middleware and endpoints (one folder per resource) in UseAmparo.
var builder = WebApplication.CreateBuilder(args);
builder.AddAmparo();

var app = builder.Build();
app.UseAmparo();
app.Run();

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
