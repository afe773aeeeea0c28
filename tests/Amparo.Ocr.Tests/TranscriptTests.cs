using Amparo.Core;
using Amparo.Ocr.Engine;
using Amparo.Ocr.Imaging;
using Amparo.Ocr.Tests.Corpus;

namespace Amparo.Ocr.Tests;

[Collection("corpus")]
public sealed class TranscriptTests(ScreenshotCorpus corpus)
{
    [Fact]
    public async Task Each_message_keeps_its_image_its_pixel_box_and_its_confidence_and_the_owner_is_the_exporter()
    {
        var (scene, path) = corpus.Images[0];
        var c = (await new ScreenshotTranscriber().TranscribeAsync([path])).Conversation;
        c.Source.ShouldBe(SourceApp.Screenshot);
        c.Id.ShouldStartWith("screenshot-");
        c.FindParticipant(ScreenshotTranscriber.ExporterId)!.IsExporter.ShouldBe(true);
        c.FindParticipant(ScreenshotTranscriber.ContactId)!.IsExporter.ShouldBe(false);
        c.FindParticipant(ScreenshotTranscriber.ContactId)!.DisplayName.ShouldBe(scene.Contact);
        var decoded = await ImageDecoder.DecodeAsync(await File.ReadAllBytesAsync(path), scene.FileName);
        foreach (var m in c.Messages.Where(m => m.Kind == MessageKind.Text))
        {
            m.Source!.File.ShouldBe(scene.FileName);
            var box = m.Source.Box!.Value;
            box.X.ShouldBeGreaterThanOrEqualTo(0);
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(decoded.Image!.Width);
            (box.Y + box.Height).ShouldBeLessThanOrEqualTo(decoded.Image.Height);
            m.Source.Confidence!.Value.ShouldBeInRange(0.5, 1.0);
        }

        // Owner's bubbles are on the right half, the contact's on the left.
        foreach (var m in c.Messages.Where(m => m.Kind == MessageKind.Text))
        {
            var box = m.Source!.Box!.Value;
            if (m.AuthorId == ScreenshotTranscriber.ExporterId)
            {
                (box.X + box.Width).ShouldBeGreaterThan(decoded.Image!.Width * 9 / 10);
            }
            else
            {
                box.X.ShouldBeLessThan(decoded.Image!.Width / 10);
            }
        }
    }

    [Fact]
    public void Low_confidence_words_are_listed_as_spans_and_the_text_is_left_as_recognised()
    {
        var layout = new Layout.PageLayout
        {
            Width = 400,
            Height = 300,
            Background = new Rgb(255, 255, 255),
            Regions = [new Layout.LayoutRegion(Layout.RegionKind.Bubble, new PixelBox(10, 100, 250, 40), Layout.ScreenshotSide.Contact, new Rgb(240, 240, 240), true, false, false)],
        };
        OcrWord W(string t, int x, double conf) => new(t, new PixelBox(x, 110, (t.Length * 8) - 2, 14), conf, 1, 1, 1);
        var page = Transcription.ScreenshotReader.Assemble("x.png", layout, [W("see", 20, 0.95), W("yuo", 52, 0.41), W("soon", 84, 0.93)], 0.75, []);
        var m = page.Messages.ShouldHaveSingleItem();
        m.Text.ShouldBe("see yuo soon");
        var span = m.LowConfidence.ShouldHaveSingleItem();
        m.Text.Substring(span.Start, span.Length).ShouldBe("yuo");
        span.Confidence.ShouldBe(0.41);
        OcrMarkup.MarkLowConfidence(m.Text, m.LowConfidence).ShouldBe("see ⟦yuo⟧ soon");
    }

    [Fact]
    public async Task A_truncated_screenshot_gives_the_messages_above_the_cut_and_a_warning()
    {
        var (scene, path) = corpus.Images.First(i => i.Path.EndsWith(".png", StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(path);
        var cut = bytes[..(bytes.Length * 6 / 10)];
        var t = await new ScreenshotTranscriber().TranscribeAsync([new Transcription.ScreenshotInput { Name = "cut.png", Open = () => new MemoryStream(cut) }]);
        t.Conversation.Diagnostics.ShouldContain(d => d.File == "cut.png" && d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("truncated", StringComparison.Ordinal));
        t.Conversation.Messages.Count(m => m.Kind == MessageKind.Text).ShouldBeGreaterThan(0);
        t.Conversation.Messages.Count(m => m.Kind == MessageKind.Text).ShouldBeLessThan(scene.Messages.Count);
    }

    [Fact]
    public async Task A_truncated_JPEG_is_read_as_far_as_it_goes_with_a_warning()
    {
        var (_, path) = corpus.Images.First(i => i.Path.EndsWith(".jpg", StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(path);
        var decoded = await ImageDecoder.DecodeAsync(bytes[..(bytes.Length / 2)], "cut.jpg");
        decoded.Image.ShouldNotBeNull();
        decoded.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Warning && d.File == "cut.jpg");
    }

    [Fact]
    public async Task A_JPEG_claiming_huge_dimensions_is_refused_before_decoding()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xF0, 0xFF, 0xF0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9];
        var decoded = await ImageDecoder.DecodeAsync(jpeg, "huge.jpg");
        decoded.Image.ShouldBeNull();
        decoded.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("65520×65520");
    }

    [Fact]
    public async Task Garbage_named_like_an_image_becomes_a_diagnostic_and_the_other_screenshots_are_still_read()
    {
        var rng = new Random(3);
        var junk = new byte[4096];
        rng.NextBytes(junk);
        var (scene, path) = corpus.Images[5];
        var t = await new ScreenshotTranscriber().TranscribeAsync(
        [
            new Transcription.ScreenshotInput { Name = "junk.png", Open = () => new MemoryStream(junk) },
            Transcription.ScreenshotInput.FromFile(path),
        ]);
        t.Conversation.Diagnostics.ShouldContain(d => d.File == "junk.png" && d.Severity == DiagnosticSeverity.Error);
        t.Conversation.Messages.Count(m => m.Kind == MessageKind.Text).ShouldBe(scene.Messages.Count);
    }

    [Fact]
    public async Task Recognition_that_runs_out_of_time_is_stopped_and_reported()
    {
        var options = new ScreenshotOptions { Tesseract = new TesseractOptions { Timeout = TimeSpan.FromMilliseconds(1), TimeoutPerMegapixel = TimeSpan.Zero } };
        var t = await new ScreenshotTranscriber(options).TranscribeAsync([corpus.Images[0].Path]);
        t.Conversation.Messages.ShouldBeEmpty();
        t.Conversation.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("took longer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_OCR_engine_is_an_infrastructure_error_naming_the_package()
    {
        var options = new ScreenshotOptions { Tesseract = new TesseractOptions { Executable = "/nonexistent/tesseract" } };
        var ex = await Should.ThrowAsync<OcrException>(() => new ScreenshotTranscriber(options).TranscribeAsync([corpus.Images[0].Path]));
        ex.Message.ShouldContain("tesseract-ocr");
    }
}
