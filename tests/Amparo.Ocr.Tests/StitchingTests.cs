using Amparo.Core;
using Amparo.Ocr.Tests.Corpus;
using Amparo.Ocr.Transcription;
using Xunit.Abstractions;

namespace Amparo.Ocr.Tests;

[Collection("corpus")]
public sealed class StitchingTests(ScreenshotCorpus corpus, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_overlapping_screenshots_of_one_chat_yield_each_message_once_in_order()
    {
        var expected = corpus.Scrolled[0].Scene.Messages;
        var transcript = await new ScreenshotTranscriber().TranscribeAsync(corpus.Scrolled.Select(s => s.Path).ToList());
        var c = transcript.Conversation;
        foreach (var m in c.Messages)
        {
            output.WriteLine($"[{m.AuthorId}] {m.Time} {m.Text}   ({m.Source!.File} {m.Source.Box})");
        }

        foreach (var d in c.Diagnostics)
        {
            output.WriteLine(d.ToString());
        }

        // Both screenshots hold messages the other lacks, and share some: the test is only meaningful then.
        transcript.Pages.Count.ShouldBe(2);
        transcript.Pages[0].Messages.Count(m => m.Kind == MessageKind.Text && !m.ClippedTop && !m.ClippedBottom).ShouldBeLessThan(expected.Count);
        transcript.Pages[1].Messages.Count(m => m.Kind == MessageKind.Text && !m.ClippedTop && !m.ClippedBottom).ShouldBeLessThan(expected.Count);

        var messages = c.Messages.Where(m => m.Kind != MessageKind.System).ToList();
        messages.Count.ShouldBe(expected.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Stitcher.Similarity(messages[i].Text, expected[i].Text).ShouldBeGreaterThan(0.9, $"message {i}: '{messages[i].Text}' vs '{expected[i].Text}'");
            messages[i].AuthorId.ShouldBe(expected[i].Mine ? ScreenshotTranscriber.ExporterId : ScreenshotTranscriber.ContactId);
        }

        messages[0].Source!.File.ShouldBe("scroll-a.png");
        messages[^1].Source!.File.ShouldBe("scroll-b.png");
        c.Title.ShouldBe("Martina Silva");
        c.Messages.Select(m => m.Index).ShouldBe(Enumerable.Range(0, c.Messages.Count));
    }

    [Fact]
    public async Task Screenshots_with_nothing_in_common_are_kept_in_the_given_order_with_a_warning()
    {
        var a = corpus.Images[0];
        var b = corpus.Images[2];
        var c = (await new ScreenshotTranscriber().TranscribeAsync([a.Path, b.Path])).Conversation;
        c.Messages.Count(m => m.Kind != MessageKind.System).ShouldBe(a.Scene.Messages.Count + b.Scene.Messages.Count);
        c.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Warning && d.File == b.Scene.FileName && d.Message.Contains("no messages in common", StringComparison.Ordinal));
    }
}
