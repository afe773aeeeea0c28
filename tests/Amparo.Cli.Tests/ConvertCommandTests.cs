using Amparo.Core;
using Amparo.Core.Interchange;
using Amparo.Testing;

namespace Amparo.Cli.Tests;

public class ConvertCommandTests
{
    private static string Pan => RepoPaths.Data("pan12", "pan12-training-sample.xml");

    [Fact]
    public async Task Converts_to_jsonl_on_stdout_that_reads_back_the_same()
    {
        var (code, output, error) = await CliRunner.RunAsync("convert", Pan, "--to", "jsonl");

        code.ShouldBe(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(44);
        var records = new List<InterchangeRecord>();
        await foreach (var r in InterchangeJsonl.ReadAsync(new StringReader(output), "out.jsonl"))
        {
            records.Add(r);
        }

        records.ShouldAllBe(r => r.Diagnostic == null);
        records.Sum(r => r.Conversation!.Messages.Count).ShouldBe(999);
        var first = records[0].Conversation!;
        first.Id.ShouldBe("e621da5de598c9321a1d505ea95e6a2d");
        first.Source.ShouldBe(SourceApp.Pan2012);
        first.Messages[0].Time.ShouldBe(MessageTime.OfDay(new TimeOnly(3, 20)));
    }

    [Fact]
    public async Task Converts_into_a_file_with_out()
    {
        string dir = Directory.CreateTempSubdirectory("amparo-cli-").FullName;
        string target = Path.Combine(dir, "out.jsonl");
        try
        {
            var (code, output, _) = await CliRunner.RunAsync("convert", RepoPaths.Data("fixtures", "sms-backup-restore", "sms_small.xml"), "--to", "jsonl", "--out", target);

            code.ShouldBe(0);
            output.ShouldBeEmpty();
            var lines = await File.ReadAllLinesAsync(target);
            lines.Length.ShouldBe(3);
            lines[0].ShouldStartWith("{\"id\":\"+15550000001\",\"source\":\"sms\",\"title\":\"Contact A\",\"messages\":[{\"author\":\"Contact A\",\"time\":\"2017-12-02T14:49:27+00:00\",\"text\":\"Body text 1\"}");
            File.Exists(target + ".partial").ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_input_exits_with_2_and_writes_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("amparo-cli-").FullName;
        string target = Path.Combine(dir, "out.jsonl");
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("convert", Path.Combine(dir, "missing.xml"), "--to", "jsonl", "--out", target);

            code.ShouldBe(2);
            error.ShouldContain("missing.xml");
            File.Exists(target).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Only_jsonl_is_accepted_as_target()
    {
        var (code, _, _) = await CliRunner.RunAsync("convert", Pan, "--to", "xml");

        code.ShouldNotBe(0);
    }
}
