using Amparo.Detection.Model;
using Amparo.Detection.Training;

namespace Amparo.Detection.Tests.Model;

public class GroomingModelTests
{
    [Fact]
    public void The_shipped_model_loads_from_the_assembly_without_a_path()
    {
        var model = GroomingModel.Default;
        model.Threshold.ShouldBeInRange(0.05, 0.999);
        model.Families.ShouldNotBeEmpty("the shipped model uses the indicator families as features");
        model.Metadata.ShouldContain("seed=");
        var engine = DetectionEngine.LoadDefault();
        engine.Indicators.ShouldNotBeNull();
    }

    [Fact]
    public void The_committed_model_file_is_the_embedded_one_and_under_20_MB()
    {
        string path = Amparo.Testing.RepoPaths.InRepo("models", GroomingModel.DefaultFileName);
        var file = new FileInfo(path);
        file.Exists.ShouldBeTrue(path);
        file.Length.ShouldBeLessThan(20L * 1024 * 1024);
        using var embedded = typeof(GroomingModel).Assembly.GetManifestResourceStream(GroomingModel.DefaultFileName)!;
        using var ms = new MemoryStream();
        embedded.CopyTo(ms);
        ms.ToArray().ShouldBe(File.ReadAllBytes(path));
    }

    [Fact]
    public void A_model_survives_save_and_load_byte_for_byte()
    {
        using var first = new MemoryStream();
        GroomingModel.Default.Save(first);
        var reloaded = GroomingModel.Load(new MemoryStream(first.ToArray()));
        using var second = new MemoryStream();
        reloaded.Save(second);
        second.ToArray().ShouldBe(first.ToArray());
        reloaded.Threshold.ShouldBe(GroomingModel.Default.Threshold);
    }

    [Fact]
    public void A_damaged_or_foreign_model_file_is_refused_with_a_clear_error()
    {
        using var ms = new MemoryStream();
        GroomingModel.Default.Save(ms);
        var bytes = ms.ToArray();
        bytes[bytes.Length / 2] ^= 0x55;
        Should.Throw<InvalidDataException>(() => GroomingModel.Load(new MemoryStream(bytes))).Message.ShouldContain("damaged");
        Should.Throw<InvalidDataException>(() => GroomingModel.Load(new MemoryStream("hello world, not a model at all................"u8.ToArray())))
            .Message.ShouldContain("not an Amparo");
        Should.Throw<InvalidDataException>(() => GroomingModel.Load(new MemoryStream(bytes[..100])));
    }

    [Fact]
    public void A_grooming_pattern_scores_far_above_a_technical_chat_and_names_the_adult()
    {
        var engine = DetectionEngine.LoadDefault();
        var grooming = engine.Analyze(TestChats.Alternating("g", TestChats.Grooming, "sam", "kid"));
        var technical = engine.Analyze(TestChats.Alternating("t", TestChats.Technical, "ana", "bo"));
        grooming.Risk.ShouldBeGreaterThan(technical.Risk + 0.5);
        technical.Alert.ShouldBeFalse();
        grooming.LikelySuspect.ShouldBe("sam");
        grooming.Indicators.Select(h => h.IndicatorId).ShouldContain("secrecy");
    }

    [Fact]
    public void Training_is_deterministic_on_a_small_subset_of_the_shared_data()
    {
        var options = new TrainingOptions { Subsample = 40, TextDraws = 60_000, RoleDraws = 30_000, Folds = 2, HashBits = 14 };
        byte[] Train()
        {
            var result = ModelTrainer.Train(SharedCorpus.Corpus, Amparo.Detection.Indicators.IndicatorCatalog.Default, options);
            result.Report.ShouldContain("bag-of-words baseline");
            using var ms = new MemoryStream();
            result.Model.Save(ms);
            return ms.ToArray();
        }

        var a = Train();
        var b = Train();
        b.ShouldBe(a);
        GroomingModel.Load(new MemoryStream(a)).HashBits.ShouldBe(14);
    }
}
