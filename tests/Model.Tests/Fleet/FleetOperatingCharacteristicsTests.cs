using System.Globalization;
using System.Text;
using PerfSuite.Model.Fleet;

namespace PerfSuite.Model.Tests.Fleet;

/// <summary>The outlier rule's operating characteristics by simulation: how often it names a host in a homogeneous
/// fleet (any host at all: the family-wise false-positive rate Holm bounds by α), how often it names the one slow
/// host, and how often a healthy one beside it. docs/methodology.md carries exactly this table.</summary>
public sealed class FleetOperatingCharacteristicsTests
{
    private const int Trials = 400;
    private const string Begin = "<!-- fleet-oc:begin (written by FleetOperatingCharacteristicsTests; PERFSUITE_WRITE_DOCS=1 rewrites it) -->";
    private const string End = "<!-- fleet-oc:end -->";

    /// <summary>Monte Carlo allowance: three standard errors of a rate α estimated from <see cref="Trials"/> trials.</summary>
    private static readonly double Allowance = 3 * Math.Sqrt(FleetAnalyzer.DefaultAlpha * (1 - FleetAnalyzer.DefaultAlpha) / Trials);

    private sealed record Scenario(string Label, int Hosts, int Reps, double Cv, double PairCv = 0);

    private sealed record Row(Scenario Scenario, double HomogeneousAny, double Slow30Named, double Slow30Healthy, double Slow10Named, double Slow10Healthy);

    private static readonly Scenario[] Scenarios =
    [
        new("3 hosts, 3 reps, CV 5 %", 3, 3, 0.05),
        new("4 hosts, 3 reps, CV 2 %", 4, 3, 0.02),
        new("4 hosts, 3 reps, CV 5 %", 4, 3, 0.05),
        new("4 hosts, 3 reps, CV 10 %", 4, 3, 0.10),
        new("4 hosts, 5 reps, CV 5 %", 4, 5, 0.05),
        new("6 hosts, 3 reps, CV 5 %", 6, 3, 0.05),
        new("9 hosts, 3 reps, CV 5 %", 9, 3, 0.05),
        new("4 hosts, 3 reps, CV 2 %, pair effects CV 3 %", 4, 3, 0.02, 0.03),
        new("6 hosts, 3 reps, CV 2 %, pair effects CV 3 %", 6, 3, 0.02, 0.03),
    ];

    [Fact]
    public void Homogeneous_fleets_name_a_host_at_most_alpha_of_the_time_and_the_methodology_table_is_the_simulation()
    {
        // Given every scenario, seeded
        var rows = Scenarios.Select((s, i) => Simulate(s, 5000 + 100 * (ulong)i)).ToList();

        // Then a homogeneous fleet has any host named at most α of the time (within three Monte Carlo standard
        // errors), pair effects the repetitions cannot see included, and a healthy host is named beside a slow one at
        // most α of the time
        foreach (var row in rows)
        {
            Assert.True(row.HomogeneousAny <= FleetAnalyzer.DefaultAlpha + Allowance, $"{row.Scenario.Label}: homogeneous {row.HomogeneousAny}");
            Assert.True(row.Slow30Healthy <= FleetAnalyzer.DefaultAlpha + Allowance, $"{row.Scenario.Label}: healthy named {row.Slow30Healthy}");
            Assert.True(row.Slow10Healthy <= FleetAnalyzer.DefaultAlpha + Allowance, $"{row.Scenario.Label}: healthy named {row.Slow10Healthy}");
        }
        // And a host 30 % slower is found almost always from four hosts up at CV 5 % or less
        Assert.All(rows.Where(r => r.Scenario.Hosts >= 4 && r.Scenario.Cv <= 0.05),
            r => Assert.True(r.Slow30Named >= 0.99, $"{r.Scenario.Label}: 30 % slower found {r.Slow30Named}"));

        // And docs/methodology.md carries exactly this table
        var table = Table(rows);
        DocumentedTable.AssertIsIn(Path.Combine("docs", "methodology.md"), Begin, End, table);
    }

    private static Row Simulate(Scenario scenario, ulong seed)
    {
        int homogeneous = 0, slow30 = 0, healthy30 = 0, slow10 = 0, healthy10 = 0;
        for (var t = 0; t < Trials; t++)
        {
            var fleet = new SyntheticFleet
            {
                Hosts = scenario.Hosts,
                Reps = scenario.Reps,
                Cv = scenario.Cv,
                PairCv = scenario.PairCv,
                RecordNics = false,
                Seed = seed + (ulong)t * 7919,
            };
            var environment = fleet.Document().Environment;
            if (FleetAnalyzer.Analyze(fleet.Cells(), environment)!.Outliers.Count > 0)
                homogeneous++;
            foreach (var (factor, found) in new[] { (0.7, 0), (0.9, 1) })
            {
                var slow = fleet with { SenderGoodputFactor = new Dictionary<int, double> { [0] = factor } };
                var named = FleetAnalyzer.Analyze(slow.Cells(), environment)!.Outliers.Select(o => o.Host).Distinct().ToList();
                var hit = named.Contains(SyntheticFleet.HostName(0)) ? 1 : 0;
                var wrong = named.Any(h => h != SyntheticFleet.HostName(0)) ? 1 : 0;
                if (found == 0)
                {
                    slow30 += hit;
                    healthy30 += wrong;
                }
                else
                {
                    slow10 += hit;
                    healthy10 += wrong;
                }
            }
        }
        return new Row(scenario, Rate(homogeneous), Rate(slow30), Rate(healthy30), Rate(slow10), Rate(healthy10));
    }

    private static double Rate(int count) => (double)count / Trials;

    private static string Table(IReadOnlyList<Row> rows)
    {
        static string P(double rate) => (100 * rate).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"α = {FleetAnalyzer.DefaultAlpha}, minimum effect {100 * FleetAnalyzer.DefaultMinimumEffect} %, metrics goodput and CPU per Gbit, one cell group; {Trials} trials per row, seeded. ")
            .Append("\"Slow\" is host 1 sending 30 % (or 10 %) below the others; \"healthy named\" counts trials in which any other host was named.\n\n")
            .Append("| scenario | homogeneous: any host named | 30 % slower: found | 30 % slower: healthy named | 10 % slower: found | 10 % slower: healthy named |\n")
            .Append("|---|--:|--:|--:|--:|--:|\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {row.Scenario.Label} | {P(row.HomogeneousAny)} | {P(row.Slow30Named)} | {P(row.Slow30Healthy)} | {P(row.Slow10Named)} | {P(row.Slow10Healthy)} |\n");
        }
        return text.ToString();
    }
}
