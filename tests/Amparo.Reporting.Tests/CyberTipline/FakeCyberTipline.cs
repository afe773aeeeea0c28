using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Amparo.Reporting.Tests.CyberTipline;

/// <summary>
/// A stand-in for NCMEC's reporting API on loopback (HttpListener, 127.0.0.1, a free port), following the
/// documented flow and response codes: it validates every XML body against the real XSD, keeps reports and files,
/// and can be told to fail the next call to a path with a given code.
/// </summary>
internal sealed class FakeCyberTipline : IAsyncDisposable
{
    public const string User = "esp-user";
    public const string Password = "s3cret";
    public const string UserWithoutRights = "no-rights";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _nextReport = 70_000_000;
    private int _nextFile;

    public FakeCyberTipline()
    {
        int port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/ispws/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public sealed class StoredReport
    {
        public required XDocument Xml { get; init; }

        public ConcurrentDictionary<string, (string Name, byte[] Bytes)> Files { get; } = new();

        public ConcurrentDictionary<string, XDocument> FileDetails { get; } = new();

        public bool Finished { get; set; }
    }

    public Uri BaseAddress { get; }

    public ConcurrentDictionary<long, StoredReport> Reports { get; } = new();

    public ConcurrentBag<long> Retracted { get; } = [];

    /// <summary>Makes the next call to a path answer this response code.</summary>
    public ConcurrentDictionary<string, int> FailNext { get; } = new();

    /// <summary>Makes the next call to a path answer with this raw HTTP status and body (not XML).</summary>
    public ConcurrentDictionary<string, (int Status, string Body)> GarbageNext { get; } = new();

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception ex)
            {
                await AnswerAsync(context, 500, Response(1000, "fake server failure: " + ex.Message));
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath[BaseAddress.AbsolutePath.Length..];
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();

        if (GarbageNext.TryRemove(path, out var garbage))
        {
            await AnswerRawAsync(context, garbage.Status, garbage.Body, "text/html");
            return;
        }

        var user = Authenticate(context.Request.Headers["Authorization"]);
        if (user is null)
        {
            await AnswerAsync(context, 401, Response(2000, "Authentication required"));
            return;
        }

        if (FailNext.TryRemove(path, out int code))
        {
            await AnswerAsync(context, code >= 2000 && code < 4000 ? 403 : 500, Response(code, "injected failure"));
            return;
        }

        switch (path)
        {
            case "status":
                await AnswerAsync(context, 200, Response(0, ""));
                return;
            case "submit":
                if (user == UserWithoutRights)
                {
                    await AnswerAsync(context, 403, Response(3100, "No submission authorization"));
                    return;
                }

                await SubmitAsync(context, bytes);
                return;
            case "upload":
                await UploadAsync(context, bytes);
                return;
            case "fileinfo":
                await FileInfoAsync(context, bytes);
                return;
            case "finish":
            case "retract":
                await FinishOrRetractAsync(context, path, bytes);
                return;
            default:
                await AnswerRawAsync(context, 404, "not found", "text/plain");
                return;
        }
    }

    private async Task SubmitAsync(HttpListenerContext context, byte[] bytes)
    {
        var xml = Encoding.UTF8.GetString(bytes);
        var errors = Xsd.Errors(xml);
        if (errors.Count > 0)
        {
            await AnswerAsync(context, 400, Response(4100, "Validation failed: " + string.Join(" | ", errors)));
            return;
        }

        long id = Interlocked.Increment(ref _nextReport);
        Reports[id] = new StoredReport { Xml = XDocument.Parse(xml) };
        await AnswerAsync(context, 200, Response(0, "", reportId: id));
    }

    private async Task UploadAsync(HttpListenerContext context, byte[] bytes)
    {
        var parts = Multipart(context.Request.ContentType ?? "", bytes);
        if (!parts.TryGetValue("id", out var idPart) || !long.TryParse(Encoding.UTF8.GetString(idPart.Bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out long id) || !parts.TryGetValue("file", out var file))
        {
            await AnswerAsync(context, 400, Response(4100, "Validation failed: id and file are required"));
            return;
        }

        if (await RefuseAsync(context, id))
        {
            return;
        }

        var fileId = "f" + Interlocked.Increment(ref _nextFile).ToString(CultureInfo.InvariantCulture);
        Reports[id].Files[fileId] = (file.FileName ?? "", file.Bytes);
        await AnswerAsync(context, 200, Response(0, "", reportId: id, fileId: fileId, hash: Convert.ToHexStringLower(MD5.HashData(file.Bytes))));
    }

    private async Task FileInfoAsync(HttpListenerContext context, byte[] bytes)
    {
        var xml = Encoding.UTF8.GetString(bytes);
        var errors = Xsd.Errors(xml);
        if (errors.Count > 0)
        {
            await AnswerAsync(context, 400, Response(4100, "Validation failed: " + string.Join(" | ", errors)));
            return;
        }

        var doc = XDocument.Parse(xml);
        long id = long.Parse(doc.Root!.Element("reportId")!.Value, CultureInfo.InvariantCulture);
        if (await RefuseAsync(context, id))
        {
            return;
        }

        var fileId = doc.Root.Element("fileId")!.Value;
        if (!Reports[id].Files.ContainsKey(fileId))
        {
            await AnswerAsync(context, 400, Response(4100, $"Validation failed: no file {fileId} in report {id}"));
            return;
        }

        Reports[id].FileDetails[fileId] = doc;
        await AnswerAsync(context, 200, Response(0, "", reportId: id));
    }

    private async Task FinishOrRetractAsync(HttpListenerContext context, string path, byte[] bytes)
    {
        var form = Encoding.UTF8.GetString(bytes).Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
        if (!form.TryGetValue("id", out var idText) || !long.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
        {
            await AnswerAsync(context, 400, Response(4100, "Validation failed: id is required"));
            return;
        }

        if (await RefuseAsync(context, id))
        {
            return;
        }

        if (path == "retract")
        {
            Reports.TryRemove(id, out _);
            Retracted.Add(id);
            await AnswerAsync(context, 200, Response(0, "", reportId: id));
            return;
        }

        var report = Reports[id];
        report.Finished = true;
        var done = new XElement("reportDoneResponse",
            new XElement("responseCode", 0),
            new XElement("reportId", id),
            new XElement("files", report.Files.Keys.Order(StringComparer.Ordinal).Select(f => new XElement("fileId", f))));
        await AnswerRawAsync(context, 200, done.ToString(), "text/xml");
    }

    private async Task<bool> RefuseAsync(HttpListenerContext context, long id)
    {
        if (!Reports.TryGetValue(id, out var report))
        {
            await AnswerAsync(context, 400, Response(5001, "Report does not exist"));
            return true;
        }

        if (report.Finished)
        {
            await AnswerAsync(context, 400, Response(5102, "Report already finished"));
            return true;
        }

        return false;
    }

    private static string? Authenticate(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return pair.Length == 2 && pair[1] == Password && pair[0] is User or UserWithoutRights ? pair[0] : null;
    }

    private static XElement Response(int code, string description, long? reportId = null, string? fileId = null, string? hash = null)
    {
        var e = new XElement("reportResponse", new XElement("responseCode", code), new XElement("responseDescription", description));
        if (reportId is long id)
        {
            e.Add(new XElement("reportId", id));
        }

        if (fileId is not null)
        {
            e.Add(new XElement("fileId", fileId));
        }

        if (hash is not null)
        {
            e.Add(new XElement("hash", hash));
        }

        return e;
    }

    private static Task AnswerAsync(HttpListenerContext context, int status, XElement xml) =>
        AnswerRawAsync(context, status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml.ToString(SaveOptions.DisableFormatting), "text/xml");

    private static async Task AnswerRawAsync(HttpListenerContext context, int status, string body, string type)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = type + "; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private sealed record Part(string? FileName, byte[] Bytes);

    /// <summary>A small multipart/form-data reader: enough for the id and file fields of /upload.</summary>
    private static Dictionary<string, Part> Multipart(string contentType, byte[] body)
    {
        var result = new Dictionary<string, Part>(StringComparer.Ordinal);
        var boundaryValue = contentType.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.Ordinal))?["boundary=".Length..].Trim('"');
        if (boundaryValue is null)
        {
            return result;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundaryValue);
        var span = body.AsSpan();
        int start = span.IndexOf(delimiter);
        while (start >= 0)
        {
            int partStart = start + delimiter.Length;
            if (span[partStart..].StartsWith("--"u8))
            {
                break;
            }

            partStart += 2; // CRLF after the delimiter
            int next = span[partStart..].IndexOf(delimiter);
            if (next < 0)
            {
                break;
            }

            var part = span.Slice(partStart, next - 2); // drop the CRLF before the next delimiter
            int headerEnd = part.IndexOf("\r\n\r\n"u8);
            var headers = Encoding.UTF8.GetString(part[..headerEnd]);
            var content = part[(headerEnd + 4)..].ToArray();
            string? name = Attribute(headers, "name");
            if (name is not null)
            {
                result[name] = new Part(Attribute(headers, "filename"), content);
            }

            start = partStart + next;
        }

        return result;
    }

    private static string? Attribute(string headers, string key)
    {
        foreach (var piece in headers.Split(['\r', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (piece.StartsWith(key + "=", StringComparison.OrdinalIgnoreCase))
            {
                return piece[(key.Length + 1)..].Trim('"');
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The managed HttpListener can itself throw from Stop while a connection the client just dropped is
            // being torn down; the server is closed either way.
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
        catch (Exception)
        {
            // Tearing down the fake is not what any test checks: whatever stopping throws (the type has varied
            // between runs on CI), the server is closed and the test's own assertions already ran.
        }
    }
}
