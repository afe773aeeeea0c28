using Amparo.Core;
using Amparo.Reporting.Complaint;

namespace Amparo.Reporting.Tests.Complaint;

public sealed class CaseFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amparo-casefile-").FullName;

    [Fact]
    public async Task The_sample_cases_load_with_every_message_and_hit()
    {
        var en = await Samples.LoadAsync("en");
        en.Input.Conversation.Messages.Count.ShouldBe(22);
        en.Input.Conversation.Source.ShouldBe(SourceApp.WhatsApp);
        en.Input.Analysis.Indicators.Count.ShouldBe(17);
        en.Input.Evidence!.Items.Count.ShouldBe(2);
        en.Input.Conversation.Messages[18].Attachments.ShouldHaveSingleItem().Omitted.ShouldBeTrue();
        var es = await Samples.LoadAsync("es");
        es.Language.ShouldBe("es");
        es.Input.Conversation.Messages[0].Text.ShouldContain("San José");
    }

    [Fact]
    public async Task Broken_JSON_is_reported_with_file_and_line()
    {
        var path = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"format\": \"amparo-case/1\",\n  \"caseId\": oops\n}");
        var result = await CaseFile.LoadAsync(path, CancellationToken.None);
        result.Ok.ShouldBeFalse();
        result.Error!.File.ShouldBe("broken.json");
        result.Error.Line.ShouldBe(3);
    }

    [Fact]
    public async Task A_hit_pointing_past_the_last_message_is_refused()
    {
        var path = Path.Combine(_dir, "bad-hit.json");
        await File.WriteAllTextAsync(path, """
            {"format":"amparo-case/1","reporter":{"name":"A"},
             "conversation":{"messages":[{"author":"x","text":"hi"}]},
             "analysis":{"risk":0.5,"alert":false,"level":"low","indicators":[{"id":"secrecy","message":7,"evidence":"x"}]}}
            """);
        var result = await CaseFile.LoadAsync(path, CancellationToken.None);
        result.Error!.Message.ShouldContain("message 7");
    }

    [Fact]
    public async Task Other_JSON_and_missing_files_are_not_case_files()
    {
        var path = Path.Combine(_dir, "other.json");
        await File.WriteAllTextAsync(path, "{\"hello\": 1}");
        (await CaseFile.LoadAsync(path, CancellationToken.None)).Error!.Message.ShouldContain("not an Amparo case file");
        (await CaseFile.LoadAsync(Path.Combine(_dir, "nope.json"), CancellationToken.None)).Error!.Message.ShouldBe("no such file");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
