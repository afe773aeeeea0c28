using System.Globalization;
using Amparo.Detection.Normalization;

namespace Amparo.Detection.Tests.Normalization;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("¿Cuántos AÑOS tienes?", "cuantos anos tienes")]
    [InlineData("Mándame una FOTO", "mandame una foto")]
    [InlineData("Qué tal, CORAZÓN", "que tal corazon")]
    public void Folds_case_and_Spanish_accents(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Theory]
    [InlineData("s3xy", "sexy")]
    [InlineData("d0nt t3ll", "do not tell")]
    [InlineData("h0t", "hot")]
    [InlineData("c@m", "cam")]
    [InlineData("$exy", "sexy")]
    [InlineData("win7 and mp3", "win7 and mp3")]
    public void Reads_leetspeak_only_inside_words(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Theory]
    [InlineData("s.e.x", "sex")]
    [InlineData("s e x", "sex")]
    [InlineData("s-e-c-r-e-t", "secret")]
    [InlineData("s.e.c.r.e.t", "secret")]
    [InlineData("p i c s", "pics")]
    [InlineData("u r a star", "you are a star")]
    [InlineData("a b c", "a b c")]
    public void Joins_single_letters_spelled_out_with_dots_dashes_or_spaces(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Theory]
    [InlineData("pleeease", "please")]
    [InlineData("sooo cuuute", "so cute")]
    [InlineData("plzzz", "please")]
    [InlineData("good", "good")]
    public void Squeezes_letters_repeated_three_or_more_times(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Theory]
    [InlineData("wyd", "what are you doing")]
    [InlineData("asl?", "asl")]
    [InlineData("u r cute", "you are cute")]
    [InlineData("ur pix pls", "your pics please")]
    [InlineData("turn on ur webcam", "turn on your cam")]
    [InlineData("send nudez", "send nudes")]
    [InlineData("my bf and gf", "my boyfriend and girlfriend")]
    [InlineData("I'm here, don't go", "i am here do not go")]
    [InlineData("don’t", "do not")]
    [InlineData("q haces xq tb", "que haces porque tambien")]
    [InlineData("tqm", "te quiero mucho")]
    [InlineData("k tal, bn", "que tal bien")]
    [InlineData("una fotito", "una foto")]
    [InlineData("gr8 c u 2nite", "great c you tonight")]
    public void Expands_chat_abbreviations_in_English_and_Spanish(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Theory]
    [InlineData("hola 😘", "hola :kiss:")]
    [InlineData("ok👍🏽", "ok :thumbs-up:")]
    [InlineData("❤️❤️", ":heart: :heart:")]
    [InlineData("🦄", ":emoji:")]
    [InlineData("🤫 shh", ":shush: shh")]
    public void Turns_emoji_into_tokens(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Fact]
    public void Splits_a_number_from_the_unit_written_against_it()
    {
        TextNormalizer.Normalize("14yo").ShouldBe("14 yo");
        TextNormalizer.Normalize("at 3pm").ShouldBe("at 3 pm");
    }

    [Fact]
    public void Recognises_phone_numbers_but_not_addresses_or_dates()
    {
        var phone = ChatTokenizer.Tokenize("call me 555-123-4567 ok");
        phone.ShouldContain(t => t.Kind == ChatTokenKind.Phone && t.Text == "5551234567");
        ChatTokenizer.Tokenize("+34 612 345 678").ShouldContain(t => t.Kind == ChatTokenKind.Phone && t.Text == "34612345678");
        ChatTokenizer.Tokenize("ping 10.0.0.1 now").ShouldNotContain(t => t.Kind == ChatTokenKind.Phone);
        ChatTokenizer.Tokenize("12 cats").ShouldAllBe(t => t.Kind != ChatTokenKind.Phone);
    }

    [Fact]
    public void Tokens_point_at_the_words_as_written_in_the_original_text()
    {
        const string text = "Hola, ¿DÓNDE vives? S.E.X d0nt WYD";
        var tokens = ChatTokenizer.Tokenize(text);
        string Original(NormalizedToken t) => text.Substring(t.Start, t.Length);
        Original(tokens.Single(t => t.Text == "donde")).ShouldBe("DÓNDE");
        Original(tokens.Single(t => t.Text == "sex")).ShouldBe("S.E.X");
        Original(tokens.Single(t => t.Text == "do")).ShouldBe("d0nt");
        tokens.Where(t => t.Flags.HasFlag(ChatTokenFlags.Expanded) && t.Text == "doing").Select(Original).ShouldBe(["WYD"]);
    }

    [Fact]
    public void Marks_the_first_token_of_each_clause()
    {
        var tokens = ChatTokenizer.Tokenize("no. send it, ok");
        tokens.Select(t => t.Flags.HasFlag(ChatTokenFlags.ClauseStart)).ShouldBe([true, true, false, true]);
    }

    [Fact]
    public void Uses_invariant_culture_whatever_the_thread_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            TextNormalizer.Normalize("IMAGE LIST").ShouldBe("image list");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("  ...!!! ", "")]
    [InlineData("\ud83d", "")]
    [InlineData("a\ud83dz", "a z")]
    public void Copes_with_empty_punctuation_only_and_broken_text(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Fact]
    public void Handles_a_very_long_message_without_failing()
    {
        string text = string.Concat(Enumerable.Repeat("heyyy wyd s.e.x 555-123-4567 😘 ", 20_000));
        string result = TextNormalizer.Normalize(text);
        result.Length.ShouldBeGreaterThan(text.Length / 2);
        result.ShouldStartWith("hey what are you doing sex 5551234567 :kiss: hey");
    }

    [Fact]
    public void Reuses_one_buffer_across_messages_without_mixing_them()
    {
        var buffer = new TokenBuffer();
        ChatTokenizer.Tokenize("a very long first message with many words in it", buffer);
        ChatTokenizer.Tokenize("hi", buffer);
        buffer.Count.ShouldBe(1);
        buffer.Normalized(0).ToString().ShouldBe("hi");
    }
}
