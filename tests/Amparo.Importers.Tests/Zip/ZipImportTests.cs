using System.Security.Cryptography;
using Amparo.Core;
using static Amparo.Importers.Tests.Zip.ZipTestKit;

namespace Amparo.Importers.Tests.Zip;

public class ZipImportTests
{
    private static readonly string IosChat = File.ReadAllText(AppsTestKit.Fixture("WhatsApp", "ios_12h_en.txt"));
    private static readonly string AndroidChat = File.ReadAllText(AppsTestKit.Fixture("WhatsApp", "android_24h_en.txt"));

    [Fact]
    public async Task Imports_an_iOS_WhatsApp_zip_and_hashes_the_attached_photo()
    {
        var photo = FakeImage(1);
        using var dir = new TempDir();
        string zip = dir.Write("WhatsApp Chat - Ana.zip", MakeZip(("_chat.txt", Utf8(IosChat)), ("00000012-PHOTO-2024-03-12-18-06-02.jpg", photo)));

        var result = await AppsTestKit.ImportAsync(zip);

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.WhatsApp);
        c.Title.ShouldBe("Ana");
        c.SourceFile.ShouldBe("WhatsApp Chat - Ana.zip/_chat.txt");
        var a = c.Messages[4].Attachments.ShouldHaveSingleItem();
        a.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(photo)));
        a.Size.ShouldBe(photo.Length);
        a.MediaType.ShouldBe("image/jpeg");
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task Imports_an_Android_WhatsApp_zip_named_after_the_chat()
    {
        var photo = FakeImage(2);
        var bytes = MakeZip(("WhatsApp Chat with Ana.txt", Utf8(AndroidChat)), ("IMG-20240312-WA0003.jpg", photo));

        var result = await AppsTestKit.ImportBytesAsync(bytes, "export.zip");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Title.ShouldBe("Ana");
        c.Messages[5].Attachments.Single().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(photo)));
        c.Messages[4].Attachments.Single().Sha256.ShouldBeNull();
    }

    [Fact]
    public async Task Imports_a_download_your_information_zip_with_a_split_thread_and_its_photo()
    {
        string thread = AppsTestKit.Fixture("Meta", "export", "inbox", "anaben_123");
        var photo = FakeImage(3);
        var bytes = MakeZip(
            ("your_instagram_activity/messages/inbox/anaben_123/message_1.json", File.ReadAllBytes(Path.Combine(thread, "message_1.json"))),
            ("your_instagram_activity/messages/inbox/anaben_123/message_2.json", File.ReadAllBytes(Path.Combine(thread, "message_2.json"))),
            ("your_instagram_activity/messages/inbox/anaben_123/photos/123456.jpg", photo),
            ("personal_information/personal_information.json", Utf8("{\"profile_user\": []}")));

        var result = await AppsTestKit.ImportBytesAsync(bytes, "instagram-ana-2024.zip");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Source.ShouldBe(SourceApp.Instagram);
        c.Messages.Count.ShouldBe(7);
        c.Messages[5].Attachments.Single().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(photo)));
    }

    [Fact]
    public async Task Imports_a_zipped_Telegram_export_folder_and_links_its_photo()
    {
        var photo = FakeImage(4);
        var bytes = MakeZip(
            ("ChatExport_2024-03-14/result.json", File.ReadAllBytes(AppsTestKit.Fixture("Telegram", "single", "result.json"))),
            ("ChatExport_2024-03-14/photos/photo_1@12-03-2024_18-03-00.jpg", photo));

        var result = await AppsTestKit.ImportBytesAsync(bytes, "telegram.zip");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages[3].Attachments.Single().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(photo)));
    }

    [Fact]
    public async Task Opens_a_zip_inside_a_zip_but_not_a_third_level()
    {
        var inner = MakeZip(("_chat.txt", Utf8(IosChat)));
        var deeper = MakeZip(("deeper.zip", MakeZip(("_chat.txt", Utf8(AndroidChat)))));
        var outer = MakeZip(("chats/inner.zip", inner), ("chats/nested.zip", deeper));

        var result = await AppsTestKit.ImportBytesAsync(outer, "outer.zip");

        result.Conversations.ShouldHaveSingleItem().SourceFile.ShouldBe("outer.zip/chats/inner.zip/_chat.txt");
        result.Diagnostics.ShouldContain(d => d.Message.Contains("only one level of nesting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_with_a_chat_and_its_media_links_them_and_notes_the_photo_without_an_error()
    {
        var photo = FakeImage(5);
        using var dir = new TempDir();
        dir.Write("chat/_chat.txt", Utf8(IosChat));
        dir.Write("chat/00000012-PHOTO-2024-03-12-18-06-02.jpg", photo);

        var result = await AppsTestKit.ImportAsync(dir.Path);

        result.Conversations.ShouldHaveSingleItem().Messages[4].Attachments.Single().Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(photo)));
        result.Diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Info);
        result.IsUnusable.ShouldBeFalse();
    }
}
