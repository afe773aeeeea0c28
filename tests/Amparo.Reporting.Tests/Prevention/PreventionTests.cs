using Amparo.Reporting.Prevention;

namespace Amparo.Reporting.Tests.Prevention;

public sealed class PreventionTests
{
    [Fact]
    public void The_checklist_has_the_same_sections_and_items_in_both_languages()
    {
        var en = PreventionChecklist.For("en");
        var es = PreventionChecklist.For("es");
        es.Sections.Select(s => s.Id).ShouldBe(en.Sections.Select(s => s.Id));
        for (int i = 0; i < en.Sections.Count; i++)
        {
            es.Sections[i].Items.Select(x => x.Id).ShouldBe(en.Sections[i].Items.Select(x => x.Id));
            es.Sections[i].Title.ShouldNotBe(en.Sections[i].Title);
        }
    }

    [Fact]
    public void The_checklist_covers_updates_antivirus_passwords_privacy_and_posting()
    {
        var ids = PreventionChecklist.For("en").Sections.SelectMany(s => s.Items).Select(i => i.Id).ToArray();
        ids.ShouldContain("updates");
        ids.ShouldContain("antivirus");
        ids.ShouldContain("strong-unique");
        ids.ShouldContain("private-profile");
        PreventionChecklist.For("en").Sections.Select(s => s.Id).ShouldContain("posting");
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("qwerty2011")]
    [InlineData("riverside")]
    public void Common_passwords_are_weak(string password)
    {
        var result = PasswordCheck.Evaluate(password, "en");
        result.IsStrong.ShouldBeFalse();
        result.Score.ShouldBeLessThan(2);
        result.Advice.Count.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void A_long_phrase_of_unrelated_words_is_strong()
    {
        var result = PasswordCheck.Evaluate("violet tractor pancake lighthouse 47", "en");
        result.IsStrong.ShouldBeTrue();
        result.CrackTime.ShouldNotBe("less than a minute");
    }

    [Fact]
    public void Personal_words_make_a_password_weaker()
    {
        var plain = PasswordCheck.Evaluate("samuelriverside", "en");
        var personal = PasswordCheck.Evaluate("samuelriverside", "en", ["samuel", "riverside"]);
        personal.Score.ShouldBeLessThanOrEqualTo(plain.Score);
        personal.Score.ShouldBeLessThan(3);
    }

    [Fact]
    public void The_verdict_and_advice_come_in_Spanish()
    {
        var result = PasswordCheck.Evaluate("123456", "es");
        result.Verdict.ShouldContain("débil");
        result.Advice.ShouldContain(a => a.Contains("contraseña", StringComparison.Ordinal) || a.Contains("frase", StringComparison.Ordinal));
        result.CrackTime.ShouldBe("menos de un minuto");
    }
}
