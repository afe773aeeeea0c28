using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Amparo.Reporting.CyberTipline;

/// <summary>The families of CyberTipline response codes (0 success; 1xxx server; 2xxx authentication; 3xxx authorisation; 4xxx validation; 5xxx report state).</summary>
public enum CyberTiplineOutcome
{
    Success,
    /// <summary>1xxx: a fault at NCMEC; worth retrying later.</summary>
    ServerError,
    /// <summary>2xxx: missing or wrong credentials.</summary>
    AuthenticationRequired,
    /// <summary>3xxx: the account may not submit reports.</summary>
    NotAuthorized,
    /// <summary>4xxx: the XML failed validation; retrying the same document cannot help.</summary>
    ValidationFailed,
    /// <summary>5xxx: the report does not exist (5001) or is already finished (5102).</summary>
    ReportState,
    /// <summary>A code outside the documented families.</summary>
    Unknown,
    /// <summary>No usable answer: network failure, timeout, or a body that is not a CyberTipline response.</summary>
    Transport,
}

/// <summary>What the CyberTipline answered to one call.</summary>
public sealed record CyberTiplineResponse
{
    public required CyberTiplineOutcome Outcome { get; init; }

    /// <summary>The service's <c>responseCode</c> (0 = success), or null when there was no usable answer.</summary>
    public int? Code { get; init; }

    public string Description { get; init; } = "";

    public long? ReportId { get; init; }

    public string? FileId { get; init; }

    /// <summary>The MD5 the service computed for an uploaded file.</summary>
    public string? Md5 { get; init; }

    /// <summary>Files the report holds, from <c>/finish</c>.</summary>
    public IReadOnlyList<string> FileIds { get; init; } = [];

    public int? HttpStatus { get; init; }

    public bool Ok => Outcome == CyberTiplineOutcome.Success;

    /// <summary>True when the same call may succeed later unchanged.</summary>
    public bool Retryable => Outcome is CyberTiplineOutcome.ServerError or CyberTiplineOutcome.Transport;

    public static CyberTiplineOutcome Classify(int code) => code switch
    {
        0 => CyberTiplineOutcome.Success,
        >= 1000 and < 2000 => CyberTiplineOutcome.ServerError,
        >= 2000 and < 3000 => CyberTiplineOutcome.AuthenticationRequired,
        >= 3000 and < 4000 => CyberTiplineOutcome.NotAuthorized,
        >= 4000 and < 5000 => CyberTiplineOutcome.ValidationFailed,
        >= 5000 and < 6000 => CyberTiplineOutcome.ReportState,
        _ => CyberTiplineOutcome.Unknown,
    };

    public override string ToString() =>
        Code is int c ? $"{Outcome} ({c.ToString(CultureInfo.InvariantCulture)}): {Description}" : $"{Outcome}: {Description}";
}

/// <summary>
/// The CyberTipline reporting API (ISP web services): <c>submit</c> opens a report, <c>upload</c> adds a file,
/// <c>fileinfo</c> describes it, <c>finish</c> completes the report, <c>retract</c> cancels an unfinished one.
/// Every expected failure comes back as a <see cref="CyberTiplineResponse"/>, never as an exception.
/// </summary>
public interface ICyberTiplineClient
{
    Task<CyberTiplineResponse> StatusAsync(CancellationToken cancellationToken);

    Task<CyberTiplineResponse> SubmitAsync(XDocument report, CancellationToken cancellationToken);

    Task<CyberTiplineResponse> UploadAsync(long reportId, string fileName, Stream content, CancellationToken cancellationToken);

    Task<CyberTiplineResponse> FileInfoAsync(XDocument fileDetails, CancellationToken cancellationToken);

    Task<CyberTiplineResponse> FinishAsync(long reportId, CancellationToken cancellationToken);

    Task<CyberTiplineResponse> RetractAsync(long reportId, CancellationToken cancellationToken);
}

/// <summary>The HTTP client for the CyberTipline API: HTTP Basic authentication, XML bodies, multipart uploads.</summary>
public sealed class CyberTiplineHttpClient : ICyberTiplineClient
{
    /// <summary>NCMEC's production service.</summary>
    public static readonly Uri Production = new("https://report.cybertip.org/ispws/");

    /// <summary>NCMEC's test service (reports are discarded).</summary>
    public static readonly Uri Testing = new("https://exttest.cybertip.org/ispws/");

    /// <summary>Answers are small acknowledgements; anything larger is not a CyberTipline response.</summary>
    public const int MaxResponseBytes = 1 << 20;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue _auth;

    /// <param name="http">A client the caller owns (its timeout applies).</param>
    /// <param name="baseAddress"><see cref="Production"/>, <see cref="Testing"/>, or a test server.</param>
    /// <param name="username">The ESP account NCMEC issued.</param>
    /// <param name="password">Its password (never logged).</param>
    public CyberTiplineHttpClient(HttpClient http, Uri baseAddress, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = http;
        _base = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    public Task<CyberTiplineResponse> StatusAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "status", null, cancellationToken);

    public Task<CyberTiplineResponse> SubmitAsync(XDocument report, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "submit", Xml(report), cancellationToken);

    public Task<CyberTiplineResponse> UploadAsync(long reportId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(reportId.ToString(CultureInfo.InvariantCulture)), "id" },
            { new StreamContent(content), "file", fileName },
        };
        return SendAsync(HttpMethod.Post, "upload", form, cancellationToken);
    }

    public Task<CyberTiplineResponse> FileInfoAsync(XDocument fileDetails, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "fileinfo", Xml(fileDetails), cancellationToken);

    public Task<CyberTiplineResponse> FinishAsync(long reportId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "finish", IdForm(reportId), cancellationToken);

    public Task<CyberTiplineResponse> RetractAsync(long reportId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "retract", IdForm(reportId), cancellationToken);

    private static FormUrlEncodedContent IdForm(long reportId) =>
        new([new KeyValuePair<string, string>("id", reportId.ToString(CultureInfo.InvariantCulture))]);

    private static StringContent Xml(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Declaration is null ? document.ToString(SaveOptions.DisableFormatting) : document.Declaration + document.ToString(SaveOptions.DisableFormatting);
        return new StringContent(text, new UTF8Encoding(false), "text/xml");
    }

    private async Task<CyberTiplineResponse> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
        request.Headers.Authorization = _auth;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
            return Parse(body, (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return new CyberTiplineResponse { Outcome = CyberTiplineOutcome.Transport, Description = ex.Message };
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new CyberTiplineResponse { Outcome = CyberTiplineOutcome.Transport, Description = "timed out: " + ex.Message };
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a <c>reportResponse</c> or <c>reportDoneResponse</c>; DTDs are refused and size is capped.</summary>
    internal static CyberTiplineResponse Parse(byte[]? body, int httpStatus)
    {
        if (body is null)
        {
            return new CyberTiplineResponse { Outcome = CyberTiplineOutcome.Transport, HttpStatus = httpStatus, Description = $"the answer was larger than {MaxResponseBytes} bytes" };
        }

        XElement root;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxResponseBytes };
            using var reader = XmlReader.Create(new MemoryStream(body), settings);
            root = XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            return new CyberTiplineResponse { Outcome = CyberTiplineOutcome.Transport, HttpStatus = httpStatus, Description = $"HTTP {httpStatus}: not a CyberTipline response ({ex.Message})" };
        }

        if (root.Name.LocalName is not ("reportResponse" or "reportDoneResponse") || !int.TryParse((string?)root.Element("responseCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int code))
        {
            return new CyberTiplineResponse { Outcome = CyberTiplineOutcome.Transport, HttpStatus = httpStatus, Description = $"HTTP {httpStatus}: unexpected <{root.Name.LocalName}> answer" };
        }

        var outcome = CyberTiplineResponse.Classify(code);
        if (outcome == CyberTiplineOutcome.Success && httpStatus is < 200 or >= 300)
        {
            outcome = CyberTiplineOutcome.Transport;
        }

        return new CyberTiplineResponse
        {
            Outcome = outcome,
            Code = code,
            HttpStatus = httpStatus,
            Description = (string?)root.Element("responseDescription") ?? "",
            ReportId = long.TryParse((string?)root.Element("reportId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long id) ? id : null,
            FileId = (string?)root.Element("fileId"),
            Md5 = (string?)root.Element("hash"),
            FileIds = root.Element("files")?.Elements("fileId").Select(e => e.Value).ToArray() ?? [],
        };
    }
}
