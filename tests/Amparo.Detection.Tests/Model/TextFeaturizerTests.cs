using Amparo.Detection.Model;

namespace Amparo.Detection.Tests.Model;

public class TextFeaturizerTests
{
    private static int[] Features(string text)
    {
        var buf = new int[TextFeaturizer.MaxFeatures];
        int n = TextFeaturizer.Extract(text, buf, (1 << 20) - 1, out _);
        return buf[..n];
    }

    [Fact]
    public void Case_and_Spanish_accents_fold_to_the_same_features()
    {
        Features("¿Qué HORA es, Ramón?").ShouldBe(Features("que hora es ramon"));
    }

    [Fact]
    public void Stretched_letters_are_squeezed_but_a_double_letter_is_kept()
    {
        Features("pleeeeease").ShouldBe(Features("pleease"));
        Features("pleease").ShouldNotBe(Features("please"));
    }

    [Fact]
    public void Apostrophes_do_not_split_words()
    {
        Features("don't tell").ShouldBe(Features("dont tell"));
        Features("don’t tell").ShouldBe(Features("dont tell"));
    }

    [Fact]
    public void Emoji_are_tokens_of_their_own()
    {
        Features("hi 😘").Length.ShouldBeGreaterThan(Features("hi").Length);
        Features("hi 😘").ShouldNotBe(Features("hi 😀"));
        Features("hi😘").ShouldBe(Features("hi 😘"));
    }

    [Fact]
    public void Questions_are_noticed_in_English_and_Spanish()
    {
        TextFeaturizer.Extract("where do you live?", new int[256], 1023, out bool q1);
        TextFeaturizer.Extract("¿dónde vives", new int[256], 1023, out bool q2);
        TextFeaturizer.Extract("i live here", new int[256], 1023, out bool q3);
        (q1, q2, q3).ShouldBe((true, true, false));
    }

    [Fact]
    public void A_huge_message_gives_a_bounded_number_of_features()
    {
        var text = string.Join(' ', Enumerable.Repeat("word another thing", 10_000));
        Features(text).Length.ShouldBeLessThanOrEqualTo(TextFeaturizer.MaxFeatures);
        Features("").ShouldBeEmpty();
    }

    [Fact]
    public void Feature_indices_stay_inside_the_table()
    {
        var buf = new int[TextFeaturizer.MaxFeatures];
        int n = TextFeaturizer.Extract("some words, más palabras 😀 and 123 numbers", buf, 255, out _);
        n.ShouldBeGreaterThan(5);
        buf[..n].ShouldAllBe(i => i >= 0 && i <= 255);
    }
}
