using System.Diagnostics;
using System.Globalization;
using Amparo.Ocr.Tests.Corpus;
using Xunit.Abstractions;

namespace Amparo.Ocr.Tests;

[CollectionDefinition("corpus")]
public sealed class CorpusCollection : ICollectionFixture<ScreenshotCorpus>;

[Collection("corpus")]
public sealed class CorpusAccuracyTests(ScreenshotCorpus corpus, ITestOutputHelper output)
{
    [Fact]
    public async Task Reads_the_generated_corpus_with_97_percent_of_words_right_and_99_percent_of_messages_on_the_right_side()
    {
        var transcriber = new ScreenshotTranscriber();
        var total = TranscriptScore.Zero;
        int namesRight = 0;
        var times = new List<double>();
        foreach (var (scene, path) in corpus.Images)
        {
            var watch = Stopwatch.StartNew();
            var transcript = await transcriber.TranscribeAsync([path]);
            watch.Stop();
            times.Add(watch.Elapsed.TotalSeconds);
            var c = transcript.Conversation;
            bool timesInBubble = scene.App is ChatApp.WhatsApp or ChatApp.Telegram;
            var score = TranscriptScore.Score(scene.Messages, c.Messages, timesInBubble);
            total += score;
            if (c.Title == scene.Contact)
            {
                namesRight++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scene.FileName}: words {score.ExpectedWords - score.WordErrors}/{score.ExpectedWords}, sides {score.RightSide}/{score.ExpectedMessages}, times {score.TimesRead}/{score.TimesShown}, name '{c.Title}', {watch.Elapsed.TotalSeconds:0.0} s"));
            foreach (var m in c.Messages)
            {
                output.WriteLine($"    [{m.AuthorId}] {m.Time} {m.Text}");
            }
        }

        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TOTAL word accuracy {total.WordAccuracy:P2} ({total.ExpectedWords - total.WordErrors}/{total.ExpectedWords}), attribution {total.Attribution:P2} ({total.RightSide}/{total.ExpectedMessages}), times {total.TimesRead}/{total.TimesShown}, names {namesRight}/{corpus.Images.Count}, median {times[times.Count / 2]:0.00} s per image"));
        total.WordAccuracy.ShouldBeGreaterThanOrEqualTo(0.97);
        total.Attribution.ShouldBeGreaterThanOrEqualTo(0.99);
    }
}
