using System.Globalization;
using System.Text;
using Amparo.Detection.Indicators;
using Amparo.Testing;
using Xunit.Abstractions;

namespace Amparo.Detection.Tests.Indicators;

/// <summary>
/// Measures how often each indicator fires on the shared data: lines written by Perverted-Justice offenders,
/// lines of the adult decoys posing as children, and benign Ubuntu IRC lines. Guards against noisy patterns
/// (an indicator that fires on ordinary technical chat) and prints the table used to tune them. Nothing from the
/// corpus is stored in the repository.
/// </summary>
public class IndicatorHitRateTests(ITestOutputHelper output)
{
    /// <summary>Above this share of benign IRC lines an indicator is too noisy to explain anything.</summary>
    private const double MaxBenignRate = 0.002;

    [Fact]
    public void Groomer_indicators_fire_far_more_on_offender_lines_than_on_benign_chat()
    {
        var catalog = IndicatorCatalog.Default;
        var offender = Rates(catalog, Lines(RepoPaths.Data("perverted-justice", "predators"), irc: false));
        var decoy = Rates(catalog, Lines(RepoPaths.Data("perverted-justice", "officers"), irc: false));
        var benign = Rates(catalog, Lines(RepoPaths.Data("irc-ubuntu"), irc: true));

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"lines: offender {offender.Lines:N0}, decoy {decoy.Lines:N0}, irc {benign.Lines:N0}");
        table.AppendLine("indicator                  offender%   decoy%    irc%    offender/irc");
        foreach (var d in catalog.Definitions.Where(d => d.Scope == IndicatorScope.Message))
        {
            double o = offender.Rate(d.Id), c = decoy.Rate(d.Id), b = benign.Rate(d.Id);
            table.AppendLine(CultureInfo.InvariantCulture, $"{d.Id,-26} {o * 100,8:F3} {c * 100,8:F3} {b * 100,8:F4}   {(b > 0 ? (o / b).ToString("F0", CultureInfo.InvariantCulture) : "inf"),8}");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"any groomer indicator: offender {offender.AnyRate * 100:F2}%, decoy {decoy.AnyRate * 100:F2}%, irc {benign.AnyRate * 100:F3}%");
        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "indicator-hit-rates.txt"), table.ToString());

        foreach (var d in catalog.Definitions.Where(d => d.Scope == IndicatorScope.Message))
        {
            benign.Rate(d.Id).ShouldBeLessThanOrEqualTo(MaxBenignRate, $"{d.Id} fires on {benign.Rate(d.Id):P3} of benign IRC lines");
            if (d.Party == IndicatorParty.Groomer)
            {
                offender.Rate(d.Id).ShouldBeGreaterThan(benign.Rate(d.Id) * 5, $"{d.Id} does not separate offender lines from benign chat");
            }
        }

        offender.AnyRate.ShouldBeGreaterThan(benign.AnyRate * 20);
    }

    private static IEnumerable<string> Lines(string folder, bool irc)
    {
        string pattern = irc ? "*.raw.txt" : "*.txt";
        foreach (string file in Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(file))
            {
                if (!irc)
                {
                    yield return line;
                    continue;
                }

                // "[HH:MM] <nick> text"; joins, parts and topic lines ("=== ...") are not chat.
                int close = line.IndexOf("> ", StringComparison.Ordinal);
                if (line.StartsWith('[') && close > 0)
                {
                    yield return line[(close + 2)..];
                }
            }
        }
    }

    private static HitRates Rates(IndicatorMatcher catalog, IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var hits = new List<IndicatorHit>();
        long n = 0, any = 0;
        foreach (string line in lines)
        {
            n++;
            hits.Clear();
            catalog.Match(line, 0, hits);
            bool groomer = false;
            foreach (var h in hits)
            {
                counts[h.IndicatorId] = counts.GetValueOrDefault(h.IndicatorId) + 1;
                groomer |= catalog.Find(h.IndicatorId)!.Party == IndicatorParty.Groomer;
            }

            if (groomer)
            {
                any++;
            }
        }

        return new HitRates(n, any, counts);
    }

    private sealed record HitRates(long Lines, long Any, Dictionary<string, long> Counts)
    {
        public double Rate(string id) => Lines == 0 ? 0 : Counts.GetValueOrDefault(id) / (double)Lines;

        public double AnyRate => Lines == 0 ? 0 : Any / (double)Lines;
    }
}
