using Amparo.Core;
using Amparo.Importers;
using Amparo.Ocr.Tests.Corpus;

namespace Amparo.Ocr.Tests;

[Collection("corpus")]
public sealed class ScreenshotImporterTests(ScreenshotCorpus corpus)
{
    [Fact]
    public void Sniffs_PNG_and_JPEG_by_their_magic_bytes_not_their_names()
    {
        var importer = new ScreenshotImporter();
        importer.CanRead([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], "chat.txt").ShouldBeTrue();
        importer.CanRead([0xFF, 0xD8, 0xFF, 0xE0], "x").ShouldBeTrue();
        importer.CanRead("12/03/2024, 10:15 - Ana: hola"u8, "shot.png").ShouldBeFalse();
        importer.CanRead([], "shot.png").ShouldBeFalse();
    }

    [Fact]
    public async Task A_host_adding_the_screenshot_importer_reads_a_screenshot_like_any_export()
    {
        var (scene, path) = corpus.Images[7];
        var chat = new ChatImporter([.. KnownImporters.All, new ScreenshotImporter()]);
        var result = await chat.ReadAllAsync(path);
        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.Screenshot);
        c.SourceFile.ShouldBe(scene.FileName);
        c.Messages.Count(m => m.Kind == MessageKind.Text).ShouldBe(scene.Messages.Count);
    }

    [Fact]
    public async Task An_image_without_a_chat_gives_an_error_naming_the_file()
    {
        // A plain white picture: decodes fine, holds no bubbles.
        var white = new byte[64 * 48 * 3];
        Array.Fill(white, (byte)255);
        var png = PngWriter.Write(64, 48, 2, 8, white);
        var items = new List<ImportItem>();
        await foreach (var item in new ScreenshotImporter().ReadAsync(new ImportInput { FileName = "blank.png", Open = () => new MemoryStream(png) }))
        {
            items.Add(item);
        }

        var d = items.ShouldHaveSingleItem().Diagnostic.ShouldNotBeNull();
        d.File.ShouldBe("blank.png");
        d.Severity.ShouldBe(DiagnosticSeverity.Error);
    }
}
