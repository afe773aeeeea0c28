using System.Security.Cryptography;
using System.Xml.Linq;
using Amparo.Reporting.CyberTipline;
using Amparo.Reporting.Tests.Complaint;
using Amparo.Testing;

namespace Amparo.Reporting.Tests.CyberTipline;

/// <summary>The real HTTP client against a loopback stand-in for the CyberTipline API (no real credentials exist here).</summary>
public sealed class CyberTiplineClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private FakeCyberTipline _server = null!;

    public Task InitializeAsync()
    {
        _server = new FakeCyberTipline();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private CyberTiplineHttpClient Client(string user = FakeCyberTipline.User, string password = FakeCyberTipline.Password) =>
        new(_http, _server.BaseAddress, user, password);

    private static async Task<(XDocument Report, IReadOnlyList<CyberTiplineUpload> Files, IReadOnlyList<byte[]> Bytes)> SampleAsync()
    {
        var model = await Samples.ModelAsync("en");
        var files = CyberTiplineReportWriter.Files(model);
        var paths = new[] { RepoPaths.InRepo("samples", "whatsapp-en.txt"), RepoPaths.InRepo("samples", "report-case", "profile-screenshot.png") };
        var bytes = paths.Select(File.ReadAllBytes).ToArray();
        var uploads = files.Select((f, i) => new CyberTiplineUpload(f, _ => Task.FromResult<Stream>(new MemoryStream(bytes[i])))).ToArray();
        return (CyberTiplineReportWriter.Report(model), uploads, bytes);
    }

    [Fact]
    public async Task The_whole_flow_submits_uploads_describes_and_finishes_a_report()
    {
        var (report, files, bytes) = await SampleAsync();
        (await Client().StatusAsync(CancellationToken.None)).Ok.ShouldBeTrue();

        var result = await CyberTiplineSubmission.SubmitAsync(Client(), report, files, CancellationToken.None);

        result.Finished.ShouldBeTrue(result.Failure?.ToString());
        result.Steps.Select(s => s.Step.Split(' ')[0]).ShouldBe(["submit", "upload", "fileinfo", "upload", "fileinfo", "finish"]);
        var stored = _server.Reports[result.ReportId!.Value];
        stored.Finished.ShouldBeTrue();
        stored.Xml.Root!.Element("incidentSummary")!.Element("reportAnnotations")!.Element("sextortion").ShouldNotBeNull();
        stored.Files.Values.Select(f => Convert.ToHexStringLower(MD5.HashData(f.Bytes))).Order(StringComparer.Ordinal)
            .ShouldBe(bytes.Select(b => Convert.ToHexStringLower(MD5.HashData(b))).Order(StringComparer.Ordinal));
        stored.FileDetails.Count.ShouldBe(2);
        result.Steps[^1].Response.FileIds.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_server_error_is_reported_as_retryable()
    {
        _server.FailNext["submit"] = 1000;
        var response = await Client().SubmitAsync((await SampleAsync()).Report, CancellationToken.None);
        response.Outcome.ShouldBe(CyberTiplineOutcome.ServerError);
        response.Code.ShouldBe(1000);
        response.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_error()
    {
        var response = await Client(password: "wrong").SubmitAsync((await SampleAsync()).Report, CancellationToken.None);
        response.Outcome.ShouldBe(CyberTiplineOutcome.AuthenticationRequired);
        response.Code.ShouldBe(2000);
        response.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task An_account_without_submission_rights_is_not_authorised()
    {
        var response = await Client(user: FakeCyberTipline.UserWithoutRights).SubmitAsync((await SampleAsync()).Report, CancellationToken.None);
        response.Outcome.ShouldBe(CyberTiplineOutcome.NotAuthorized);
        response.Code.ShouldBe(3100);
    }

    [Fact]
    public async Task A_document_the_schema_rejects_is_a_validation_failure()
    {
        var broken = new XDocument(new XElement("report", new XElement("incidentSummary", new XElement("incidentType", "Not a type"))));
        var response = await Client().SubmitAsync(broken, CancellationToken.None);
        response.Outcome.ShouldBe(CyberTiplineOutcome.ValidationFailed);
        response.Code.ShouldBe(4100);
        response.Description.ShouldContain("Validation failed");
    }

    [Fact]
    public async Task Unknown_and_finished_reports_are_report_state_errors()
    {
        var missing = await Client().FinishAsync(12345, CancellationToken.None);
        missing.Outcome.ShouldBe(CyberTiplineOutcome.ReportState);
        missing.Code.ShouldBe(5001);

        var (report, _, _) = await SampleAsync();
        var id = (await Client().SubmitAsync(report, CancellationToken.None)).ReportId!.Value;
        (await Client().FinishAsync(id, CancellationToken.None)).Ok.ShouldBeTrue();
        var again = await Client().RetractAsync(id, CancellationToken.None);
        again.Outcome.ShouldBe(CyberTiplineOutcome.ReportState);
        again.Code.ShouldBe(5102);
    }

    [Fact]
    public async Task A_failure_after_submit_retracts_the_unfinished_report()
    {
        var (report, files, _) = await SampleAsync();
        _server.FailNext["fileinfo"] = 1000;
        var result = await CyberTiplineSubmission.SubmitAsync(Client(), report, files, CancellationToken.None);
        result.Finished.ShouldBeFalse();
        result.Failure!.Outcome.ShouldBe(CyberTiplineOutcome.ServerError);
        result.Retracted.ShouldBeTrue();
        _server.Retracted.ShouldContain(result.ReportId!.Value);
        _server.Reports.ShouldNotContainKey(result.ReportId!.Value);
    }

    [Fact]
    public async Task A_gateway_page_or_an_unreachable_server_is_a_transport_problem_not_a_crash()
    {
        _server.GarbageNext["submit"] = (502, "<html><body>Bad gateway</body></html>");
        var gateway = await Client().SubmitAsync((await SampleAsync()).Report, CancellationToken.None);
        gateway.Outcome.ShouldBe(CyberTiplineOutcome.Transport);
        gateway.HttpStatus.ShouldBe(502);
        gateway.Retryable.ShouldBeTrue();

        _server.GarbageNext["status"] = (200, "<!DOCTYPE x [<!ENTITY a \"b\">]><reportResponse><responseCode>0</responseCode></reportResponse>");
        (await Client().StatusAsync(CancellationToken.None)).Outcome.ShouldBe(CyberTiplineOutcome.Transport);

        var closed = new CyberTiplineHttpClient(_http, new Uri("http://127.0.0.1:9/ispws/"), "u", "p");
        (await closed.StatusAsync(CancellationToken.None)).Outcome.ShouldBe(CyberTiplineOutcome.Transport);
    }
}
