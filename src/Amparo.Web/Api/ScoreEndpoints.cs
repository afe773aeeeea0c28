using System.Text;
using System.Text.Json;
using Amparo.Core.Interchange;
using Amparo.Detection;
using Amparo.Detection.Scoring;
using Amparo.Web.Conversations;
using Amparo.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Amparo.Web.Api;

public static class ScoreEndpoints
{
    public static void MapScore(this RouteGroupBuilder api)
    {
        api.MapPost("/score", async (HttpContext http, IServiceProvider services, IOptions<AmparoWebOptions> options, CancellationToken ct) =>
        {
            var analyzer = services.GetService<IConversationAnalyzer>();
            if (analyzer is null)
            {
                await Results.Problem(statusCode: 503, title: "detection-unavailable", detail: "The conversation analyzer is not part of this build.").ExecuteAsync(http);
                return;
            }

            long limit = options.Value.MaxApiBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                await TooLarge(limit).ExecuteAsync(http);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            http.Response.ContentType = "application/x-ndjson; charset=utf-8";
            using var reader = new StreamReader(new LimitedReadStream(http.Request.Body, limit), Encoding.UTF8);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            try
            {
                await foreach (var record in InterchangeJsonl.ReadAsync(reader, "request", cancellationToken: ct))
                {
                    buffer.ResetWrittenCount();
                    using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StoreJson.Options.Encoder }))
                    {
                        if (record.Conversation is { } conversation)
                        {
                            ScoreJsonl.Write(w, analyzer.Analyze(conversation));
                        }
                        else
                        {
                            w.WriteStartObject();
                            w.WriteNumber("line", record.Line);
                            w.WriteString("error", record.Diagnostic?.Message ?? "unreadable line");
                            w.WriteEndObject();
                        }
                    }

                    System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
                    await http.Response.Body.WriteAsync(buffer.WrittenMemory, ct);
                }
            }
            catch (Exception ex) when (ex is BodyTooLargeException || (ex is BadHttpRequestException b && b.StatusCode == StatusCodes.Status413PayloadTooLarge))
            {
                if (!http.Response.HasStarted)
                {
                    await TooLarge(limit).ExecuteAsync(http);
                }
                else
                {
                    // Lines already sent stay valid; the last line says why the rest was not scored.
                    await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"error\":\"the body is larger than {limit} bytes; the rest was not scored\"}}\n"), ct);
                }
            }
        })
        .WithName("Score")
        .WithSummary("Batch scoring: the `amparo score` contract over HTTP.")
        .WithDescription("Body: interchange JSONL, one conversation per line: {\"id\",\"messages\":[{\"author\",\"time\",\"text\"}]} (extra fields ignored). " +
            "Answer (application/x-ndjson): one line per conversation, in order: {\"id\",\"risk\",\"alert\",\"level\",\"suspect\",\"firstAlert\",\"indicators\":[{\"id\",\"message\",\"evidence\"}]}. " +
            "A line that cannot be read gives {\"line\":N,\"error\":\"…\"} in its place; the others are still scored.")
        .Accepts<string>("application/x-ndjson")
        .Produces<string>(200, "application/x-ndjson")
        .ProducesProblem(503);
    }

    private static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: 413, title: "body-too-large", detail: $"Send at most {limit} bytes per request.");
}
