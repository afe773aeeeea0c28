using System.Text;
using Amparo.Core;
using Amparo.Importers.Tests.Zip;

namespace Amparo.Importers.Tests.WhatsApp;

public class WhatsAppHostileInputTests
{
    private static readonly string Chat = File.ReadAllText(AppsTestKit.Fixture("WhatsApp", "android_12h_es.txt"));

    [Fact]
    public async Task Binary_garbage_named_txt_is_not_taken_for_a_chat()
    {
        var bytes = new byte[200_000];
        new Random(5).NextBytes(bytes);

        var result = await AppsTestKit.ImportBytesAsync(bytes, "chat.txt");

        result.IsUnusable.ShouldBeTrue();
        result.Diagnostics.ShouldHaveSingleItem().File.ShouldBe("chat.txt");
    }

    [Fact]
    public async Task Binary_garbage_forced_through_the_WhatsApp_reader_gives_an_error_not_a_crash()
    {
        var bytes = new byte[3_000_000];
        new Random(6).NextBytes(bytes);

        var result = await AppsTestKit.ImportBytesAsync(bytes, "chat.txt", ImportOptions.Default with { Format = "whatsapp" });

        result.Conversations.ShouldBeEmpty();
        result.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.File == "chat.txt" && d.Message.Contains("no WhatsApp message", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public async Task A_UTF16_export_with_a_BOM_imports_like_the_UTF8_one(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Chat)];

        var utf16 = await AppsTestKit.ImportBytesAsync(bytes, "chat.txt");
        var utf8 = await AppsTestKit.ImportBytesAsync(Encoding.UTF8.GetBytes(Chat), "chat.txt");

        var c = utf16.Conversations.ShouldHaveSingleItem();
        c.Messages.Select(m => (m.Text, m.AuthorId, m.Time)).ShouldBe(utf8.Conversations.Single().Messages.Select(m => (m.Text, m.AuthorId, m.Time)));
        c.Messages[5].AuthorId.ShouldContain("Sofía");
    }

    [Fact]
    public async Task Latin1_bytes_are_read_as_Latin1_with_a_warning()
    {
        var bytes = Encoding.Latin1.GetBytes("12/03/2024, 18:03 - Sofía: ¿Vienes mañana?\n13/03/2024, 09:00 - Ana: Sí\n");

        var result = await AppsTestKit.ImportBytesAsync(bytes, "latin1.txt");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.AuthorName(c.Messages[0]).ShouldBe("Sofía");
        c.Messages[0].Text.ShouldBe("¿Vienes mañana?");
        c.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("Latin-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_UTF8_later_in_the_file_is_replaced_and_reported_with_its_line()
    {
        var head = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => $"12/03/2024, 18:03 - Ana: ok {i}\n")));
        byte[] bytes = [.. head, .. "12/03/2024, 18:04 - Ben: bad "u8, 0xC3, 0x28, .. "\n"u8];

        var result = await AppsTestKit.ImportBytesAsync(bytes, "mixed.txt");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.Count.ShouldBe(3001);
        c.Diagnostics.ShouldContain(d => d.Line == 3001 && d.Message.Contains("U+FFFD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endless_line_is_cut_at_the_cap_with_a_diagnostic()
    {
        var bytes = Encoding.UTF8.GetBytes("12/03/2024, 18:03 - Ana: " + new string('a', 3_000_000) + "\n12/03/2024, 18:04 - Ben: after\n");

        var result = await AppsTestKit.ImportBytesAsync(bytes, "long.txt", ImportOptions.Default with { MaxLineLength = 100_000 });

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.Count.ShouldBe(2);
        c.Messages[0].Text.Length.ShouldBeLessThanOrEqualTo(100_000);
        c.Messages[1].Text.ShouldBe("after");
        c.Diagnostics.ShouldContain(d => d.Line == 1 && d.Message.Contains("longer than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_date_impossible_in_the_file_order_stays_in_the_previous_message_with_a_warning()
    {
        var bytes = Encoding.UTF8.GetBytes("13/03/2024, 18:03 - Ana: one\n31/02/2024, 18:04 - Ben: never\n14/03/2024, 18:05 - Ana: two\n");

        var result = await AppsTestKit.ImportBytesAsync(bytes, "dates.txt");

        var c = result.Conversations.ShouldHaveSingleItem();
        c.Messages.Count.ShouldBe(2);
        c.Messages[0].Text.ShouldBe("one\n31/02/2024, 18:04 - Ben: never");
        c.Diagnostics.ShouldContain(d => d.Line == 2 && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task An_empty_file_is_reported_as_empty()
    {
        var result = await AppsTestKit.ImportBytesAsync([], "empty.txt");

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("empty");
    }

    [Fact]
    public async Task Text_before_the_first_message_is_reported_not_lost_silently()
    {
        var direct = new Amparo.Importers.WhatsApp.WhatsAppParser(new ImportInput { FileName = "pre.txt", Open = () => new MemoryStream(Encoding.UTF8.GetBytes("exported by a tool\n12/03/2024, 18:03 - Ana: hi\n")) });
        var messages = new List<Message>();
        await foreach (var m in direct.ReadMessagesAsync())
        {
            messages.Add(m);
        }

        messages.ShouldHaveSingleItem().Text.ShouldBe("hi");
        direct.Diagnostics.ShouldContain(d => d.Line == 1 && d.Message.Contains("before the first message", StringComparison.Ordinal));
    }
}
