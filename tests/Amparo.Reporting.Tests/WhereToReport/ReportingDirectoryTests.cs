using System.Globalization;
using Amparo.Reporting.WhereToReport;

namespace Amparo.Reporting.Tests.WhereToReport;

public sealed class ReportingDirectoryTests
{
    [Fact]
    public void Every_entry_has_a_source_and_a_checked_date()
    {
        foreach (var country in ReportingDirectory.Countries)
        {
            country.Channels.ShouldNotBeEmpty(country.Code);
            foreach (var channel in country.Channels)
            {
                channel.Source.ShouldNotBeNullOrWhiteSpace(channel.Id);
                DateOnly.TryParseExact(channel.Checked, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    .ShouldBeTrue($"{channel.Id}: checked date \"{channel.Checked}\" is not yyyy-MM-dd");
                date.Year.ShouldBeGreaterThanOrEqualTo(2026, channel.Id);
                channel.Name.ShouldNotBeNullOrWhiteSpace();
                channel.AcceptsEn.ShouldNotBeNullOrWhiteSpace(channel.Id);
                channel.AcceptsEs.ShouldNotBeNullOrWhiteSpace(channel.Id);
                (channel.Url is not null || channel.Phone is not null || channel.InPerson).ShouldBeTrue($"{channel.Id} gives no way to reach it");
                channel.Kind.ShouldBeOneOf("hotline", "police", "prosecutor", "child-protection");
            }
        }
    }

    [Fact]
    public void Web_addresses_are_https_and_phones_are_only_dial_characters()
    {
        foreach (var channel in ReportingDirectory.Countries.SelectMany(c => c.Channels))
        {
            if (channel.Url is { } url)
            {
                url.ShouldStartWith("https://", customMessage: channel.Id);
                Uri.TryCreate(url, UriKind.Absolute, out _).ShouldBeTrue(channel.Id);
            }

            if (channel.Phone is { } phone)
            {
                phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+').ShouldBeTrue($"{channel.Id}: {phone}");
            }
        }
    }

    [Theory]
    [InlineData("US", "us-ncmec-cybertipline", "us-fbi-tips")]
    [InlineData("GB", "gb-ceop", "gb-iwf")]
    [InlineData("CA", "ca-cybertip", null)]
    [InlineData("CO", "co-te-protejo", "co-icbf-141")]
    [InlineData("CL", "cl-pdi-bricib", "cl-fiscalia")]
    [InlineData("ES", "es-policia-nacional", "es-guardia-civil")]
    [InlineData("MX", "mx-guardia-nacional-088", null)]
    [InlineData("AR", "ar-linea-137", null)]
    [InlineData("PE", "pe-linea-100", null)]
    public void The_required_countries_have_their_channels(string code, string first, string? second)
    {
        var answer = ReportingDirectory.Find(code);
        answer.IsFallback.ShouldBeFalse();
        var ids = answer.Country.Channels.Select(c => c.Id).ToArray();
        ids.ShouldContain(first);
        if (second is not null)
        {
            ids.ShouldContain(second);
        }
    }

    [Fact]
    public void Colombia_lists_line_141_as_a_phone()
    {
        ReportingDirectory.Find("co").Country.Channels.Single(c => c.Id == "co-icbf-141").Phone.ShouldBe("141");
    }

    [Theory]
    [InlineData("FR")]
    [InlineData("ZZ")]
    [InlineData(null)]
    [InlineData("  ")]
    public void An_unknown_country_falls_back_to_INHOPE(string? code)
    {
        var answer = ReportingDirectory.Find(code);
        answer.IsFallback.ShouldBeTrue();
        answer.Country.Code.ShouldBe("INT");
        answer.Country.Channels.Select(c => c.Id).ShouldContain("int-inhope");
    }

    [Fact]
    public void UK_and_lower_case_codes_are_understood()
    {
        ReportingDirectory.Find("uk").Country.Code.ShouldBe("GB");
        ReportingDirectory.Find(" cl ").Country.Code.ShouldBe("CL");
    }

    [Theory]
    [InlineData("es_CO.UTF-8", "CO")]
    [InlineData("en_GB.utf8", "GB")]
    [InlineData("es-CL", "CL")]
    [InlineData("C.UTF-8", null)]
    [InlineData("es", null)]
    [InlineData("", null)]
    public void The_region_is_read_from_a_locale(string locale, string? region)
    {
        ReportingDirectory.RegionFromLocale(locale).ShouldBe(region);
    }

    [Fact]
    public void The_country_is_guessed_from_LANG_before_the_culture()
    {
        var env = new Dictionary<string, string?> { ["LANG"] = "es_PE.UTF-8" };
        ReportingDirectory.GuessCountry(k => env.GetValueOrDefault(k), CultureInfo.GetCultureInfo("en-US")).ShouldBe("PE");
        ReportingDirectory.GuessCountry(_ => null, CultureInfo.GetCultureInfo("es-MX")).ShouldBe("MX");
        ReportingDirectory.GuessCountry(_ => "C.UTF-8", CultureInfo.InvariantCulture).ShouldBeNull();
    }

    [Fact]
    public void Channel_descriptions_come_in_both_languages()
    {
        var teProtejo = ReportingDirectory.Find("CO").Country.Channels[0];
        teProtejo.Accepts("es").ShouldContain("niñas");
        teProtejo.Accepts("en").ShouldContain("children");
        ReportingDirectory.Find("ES").Country.Name("es").ShouldBe("España");
    }
}
