using System.Net;
using System.Text;
using System.Text.Json;
using Amparo.Web.Tests.Infrastructure;

namespace Amparo.Web.Tests.Api;

public sealed class ScoreTests
{
    [Fact]
    public async Task Score_answers_one_contract_line_per_conversation_and_reports_a_bad_line_in_place()
    {
        using var factory = ApiFactory.WithScriptedDetection(new ScriptedDetector());
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        string body = """
            {"id":"a","messages":[{"author":"x","time":"2025-02-03T19:02:00","text":"hi"},{"author":"x","text":"our secret"},{"author":"y","text":"ok"},{"author":"x","text":"secret"}],"extra":1}
            this is not json
            {"id":"b","messages":[{"author":"p","text":"hello"}]}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        var res = await api.PostAsync("/api/v1/score", content);
        res.StatusCode.ShouldBe(HttpStatusCode.OK);
        res.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var lines = (await res.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);

        var a = JsonDocument.Parse(lines[0]).RootElement;
        a.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "risk", "alert", "level", "suspect", "firstAlert", "indicators"]);
        a.GetProperty("id").GetString().ShouldBe("a");
        a.GetProperty("alert").GetBoolean().ShouldBeTrue();
        a.GetProperty("suspect").GetString().ShouldBe("x");
        a.GetProperty("firstAlert").GetInt32().ShouldBe(3);
        a.GetProperty("indicators")[0].EnumerateObject().Select(p => p.Name).ShouldBe(["id", "message", "evidence"]);

        var bad = JsonDocument.Parse(lines[1]).RootElement;
        bad.GetProperty("line").GetInt64().ShouldBe(2);
        bad.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();

        var b = JsonDocument.Parse(lines[2]).RootElement;
        b.GetProperty("alert").GetBoolean().ShouldBeFalse();
        b.GetProperty("suspect").ValueKind.ShouldBe(JsonValueKind.Null);
        b.GetProperty("firstAlert").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Score_refuses_a_body_over_the_limit()
    {
        using var factory = ApiFactory.WithScriptedDetection(new ScriptedDetector(), new() { ["Amparo:MaxApiBodyBytes"] = "2000" });
        var (api, _) = await ApiFactory.PlatformClientAsync(factory);
        var sb = new StringBuilder();
        for (int i = 0; i < 100; i++)
        {
            sb.Append("{\"id\":\"c").Append(i).Append("\",\"messages\":[{\"author\":\"a\",\"text\":\"hello there\"}]}\n");
        }

        using var content = new StringContent(sb.ToString(), Encoding.UTF8, "application/x-ndjson");
        var res = await api.PostAsync("/api/v1/score", content);
        res.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }
}
