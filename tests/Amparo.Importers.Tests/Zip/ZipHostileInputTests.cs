using Amparo.Core;
using static Amparo.Importers.Tests.Zip.ZipTestKit;

namespace Amparo.Importers.Tests.Zip;

public class ZipHostileInputTests
{
    private static readonly byte[] Chat = Utf8(File.ReadAllText(AppsTestKit.Fixture("WhatsApp", "ios_12h_en.txt")));

    [Fact]
    public async Task Entries_that_climb_out_or_are_absolute_are_refused_and_never_read()
    {
        using var dir = new TempDir();
        var bytes = MakeZip(
            ("../evil_chat.txt", Chat),
            ("safe/../../evil2.txt", Chat),
            ("/abs_chat.txt", Chat),
            ("C:/windows_chat.txt", Chat),
            ("_chat.txt", Chat));
        string zip = dir.Write("export.zip", bytes);

        var result = await AppsTestKit.ImportAsync(zip);

        result.Conversations.ShouldHaveSingleItem().SourceFile.ShouldBe("export.zip/_chat.txt");
        result.Diagnostics.Count(d => d.Message.Contains("refused", StringComparison.Ordinal)).ShouldBe(4);
        result.Diagnostics.ShouldContain(d => d.Message.Contains("\"../evil_chat.txt\"", StringComparison.Ordinal) && d.File == "export.zip");
        File.Exists(Path.Combine(dir.Path, "..", "evil_chat.txt")).ShouldBeFalse();
        File.Exists(Path.Combine(dir.Path, "..", "evil2.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_zip_bomb_is_stopped_by_the_ratio_cap_while_reading()
    {
        // 64 MB of a repeated line compresses to a few tens of KB: the ratio is far over 200.
        var header = Utf8("[3/12/24, 6:03:10 PM] Ana: start\n");
        var bomb = new byte[64 << 20];
        header.CopyTo(bomb, 0);
        var bytes = MakeZip(("_chat.txt", bomb));
        bytes.Length.ShouldBeLessThan(1 << 20);

        var result = await AppsTestKit.ImportBytesAsync(bytes, "bomb.zip");

        result.Conversations.ShouldBeEmpty();
        result.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("zip bomb", StringComparison.Ordinal) && d.File == "bomb.zip/_chat.txt");
    }

    [Fact]
    public async Task The_total_uncompressed_cap_counts_every_byte_read_from_the_archive()
    {
        // Three ordinary chats of ~200 KB each (read twice: date order, then messages) against a 1 MB total.
        var chat = Utf8(string.Concat(Enumerable.Range(0, 5000).Select(i => $"12/03/2024, 18:{i % 60:D2} - Ana: line {i}\n")));
        var bytes = MakeZip(("a/_chat.txt", chat), ("b/_chat.txt", chat), ("c/_chat.txt", chat));
        var options = ImportOptions.Default with { MaxArchiveUncompressedBytes = 1_000_000 };

        var result = await AppsTestKit.ImportBytesAsync(bytes, "big.zip", options);

        result.Conversations.Count.ShouldBeLessThan(3);
        result.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("in total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Too_many_entries_are_refused_with_a_diagnostic()
    {
        var bytes = MakeZip([.. Enumerable.Range(0, 20).Select(i => ($"f{i}.txt", Utf8("x")))]);
        var options = ImportOptions.Default with { MaxArchiveEntries = 5 };

        var result = await AppsTestKit.ImportBytesAsync(bytes, "many.zip", options);

        result.Conversations.ShouldBeEmpty();
        result.Diagnostics.ShouldContain(d => d.Message.Contains("more than the 5 allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_truncated_zip_gives_a_clear_error_naming_the_file()
    {
        var whole = MakeZip(("_chat.txt", Chat), ("photo.jpg", FakeImage(7)));
        var cut = whole[..(whole.Length / 2)];

        var result = await AppsTestKit.ImportBytesAsync(cut, "cut.zip");

        result.Conversations.ShouldBeEmpty();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.File.ShouldBe("cut.zip");
        d.Message.ShouldContain("damaged or incomplete");
    }

    [Fact]
    public async Task Garbage_after_a_zip_signature_gives_an_error_not_a_crash()
    {
        var bytes = new byte[10_000];
        new Random(11).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);

        var result = await AppsTestKit.ImportBytesAsync(bytes, "fake.zip");

        result.IsUnusable.ShouldBeTrue();
        result.Diagnostics.ShouldAllBe(d => d.File == "fake.zip");
    }

    [Fact]
    public async Task A_corrupted_entry_is_reported_and_the_other_entries_still_import()
    {
        var bytes = MakeZip(("a/_chat.txt", Chat), ("b/_chat.txt", Chat));
        // Damage the compressed data of the second entry (its local header is the second "PK\3\4").
        int second = bytes.AsSpan(4).IndexOf("PK\u0003\u0004"u8) + 4;
        for (int i = second + 60; i < second + 120; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var result = await AppsTestKit.ImportBytesAsync(bytes, "damaged.zip");

        result.Conversations.Count.ShouldBeGreaterThanOrEqualTo(1);
        result.Conversations[0].SourceFile.ShouldBe("damaged.zip/a/_chat.txt");
    }
}
