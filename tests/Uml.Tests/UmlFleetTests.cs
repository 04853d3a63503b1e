using System.Text.Json;
using PerfSuite.Uml.Tests.Support;

namespace PerfSuite.Uml.Tests;

/// <summary>The UML fleet tests boot several kernels at once and judge effects between them: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UmlFleetCollection
{
    public const string Name = "UML fleet";
}

/// <summary>
/// A fleet whose hosts are separate kernels: User-Mode Linux instances joined by UML's vector network driver over one
/// bridge (<see cref="UmlFleet"/>), an agent in each, the built CLI's runner on the bridge. Namespace hosts share one
/// kernel and one /proc/stat; here each host's CPU and each host's kernel are its own. Run from the host (they boot
/// the UMLs themselves), not inside UML.
/// </summary>
[Collection(UmlFleetCollection.Name)]
public sealed class UmlFleetTests
{
    private const string Token = "uml-fleet-token-0123456789";

    [Fact]
    public async Task Each_hosts_CPU_is_read_from_its_own_kernel_so_a_busy_host_shows_busy_and_only_it()
    {
        // Given two UML hosts, the first with a busy loop of its own beside its agent, at nice 19: it takes whatever CPU
        // its kernel has left, and /proc/stat counts it as "nice", a category nothing else on either host uses
        await using var fleet = await UmlFleet.StartAsync(2, Token, k => k == 1 ? "nice -n 19 bash -c 'while :; do :; done' &" : null);
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-uml-fleet-cpu-{Guid.NewGuid():N}.json");
        try
        {
            // When native routing carries a paced 5 Mbit/s UDP stream both ways (a load neither kernel is short of CPU for),
            // with the NICs as they are and then without transmit checksum offload
            var run = PerfSuiteCli.Run(TimeSpan.FromMinutes(5), "run", "--hosts", fleet.HostsArgument, "--token", Token,
                "--netns", fleet.Runner, "--paths", "native", "--tests", "udp-stream", "--udp-rate", "5m", "--reps", "2",
                "--duration", "2s", "--warmup", "0.3s", "--offloads", "default,no-tx-csum", "--out", output).Succeeded();
            TestContext.Current.TestOutputHelper?.WriteLine(run.Stdout);

            // Then every cell carries each side's CPU as its own kernel counted it, whatever the side's role: the looping
            // host's one CPU fully busy, a large part of it nice; the other's with no nice time at all. One /proc/stat
            // read by both sides (namespace hosts) would give both the same. The other host's busy share is not judged:
            // a paced sender and .NET under UML, where every system call is a round trip through the host, keep it
            // at 0.15-0.5 cores (measured by hand), far more than a real host would spend on 5 Mbit/s.
            using var document = JsonDocument.Parse(File.ReadAllText(output));
            var all = document.RootElement.GetProperty("cells").EnumerateArray().ToList();
            var cells = all.Where(c => c.GetProperty("offloads").GetString() == "default").ToList();
            Assert.Equal(4, cells.Count);
            var looping = UmlFleet.NameOf(1);
            foreach (var cell in cells)
            {
                Assert.Equal("ok", cell.GetProperty("status").GetString());
                var metrics = cell.GetProperty("metrics");
                var sides = new[] { ("sender", "senderCpu"), ("receiver", "receiverCpu") }
                    .Select(side => (Host: cell.GetProperty(side.Item1).GetString(), Cpu: metrics.GetProperty(side.Item2)))
                    .Select(side => (side.Host, Busy: side.Cpu.GetProperty("busyCores").GetDouble(),
                        Nice: side.Cpu.GetProperty("cpuByCategory").GetProperty("nice").GetDouble()))
                    .ToList();
                var where = $"{sides[0].Host} -> {sides[1].Host}: " + string.Join(", ", sides.Select(s => $"{s.Host} busy {s.Busy:0.00} nice {s.Nice:0.00}"));
                TestContext.Current.TestOutputHelper?.WriteLine(where);
                var loop = Assert.Single(sides, s => s.Host == looping);
                var other = Assert.Single(sides, s => s.Host != looping);
                Assert.True(loop.Busy >= 0.9 && loop.Nice >= 0.25, $"the looping host is not the busy one; {where}\n{run.Stdout}");
                Assert.True(other.Nice <= 0.02, $"the other host shows the loop's nice time; {where}\n{run.Stdout}");
            }

            // And UML's vector driver checksums in software with its tx-checksum-ip-generic fixed on, which a veth can
            // switch off: the no-tx-csum profile cannot be set on this NIC, so its cells are skipped, naming the feature
            var untaken = all.Where(c => c.GetProperty("offloads").GetString() == "no-tx-csum").ToList();
            Assert.NotEmpty(untaken);
            Assert.All(untaken, c =>
            {
                Assert.Equal("skipped", c.GetProperty("status").GetString());
                Assert.Contains("tx-checksum-ip-generic", c.GetProperty("reason").GetString(), StringComparison.Ordinal);
            });
            TestContext.Current.TestOutputHelper?.WriteLine(untaken[0].GetProperty("reason").GetString() ?? "");

            // And each host is the UML kernel with its one CPU, its NIC UML's vector driver, not this machine's
            var hosts = document.RootElement.GetProperty("environment").GetProperty("hosts").EnumerateArray().ToList();
            Assert.Equal([UmlFleet.NameOf(1), UmlFleet.NameOf(2)], hosts.Select(h => h.GetProperty("name").GetString()));
            Assert.All(hosts, h =>
            {
                var environment = h.GetProperty("environment");
                Assert.Equal(UmlRun.KernelRelease, environment.GetProperty("kernel").GetString());
                Assert.Equal(1, environment.GetProperty("cpuCount").GetInt32());
            });
            Assert.All(cells.SelectMany(c => c.GetProperty("nics").EnumerateArray()),
                n => Assert.Equal("uml-vector", n.GetProperty("nic").GetProperty("driver").GetProperty("driver").GetString()));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Of_four_kernels_the_one_delaying_its_NICs_frames_is_named_with_the_qdisc_left_on_it()
    {
        // Given four UML hosts, the third with a netem delay as its NIC's root qdisc (a shaper left behind after a test
        // is a classic slow node; this machine's own kernel has no netem, so namespace hosts cannot show it)
        await using var fleet = await UmlFleet.StartAsync(4, Token, k => k == 3 ? "tc qdisc add dev vec0 root netem delay 3ms" : null);
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-uml-fleet-netem-{Guid.NewGuid():N}.json");
        try
        {
            // When every ordered pair is measured over native routing, one pair at a time
            var run = PerfSuiteCli.Run(TimeSpan.FromMinutes(12), "run", "--hosts", fleet.HostsArgument, "--token", Token,
                "--netns", fleet.Runner, "--paths", "native", "--tests", "tcp-rr", "--reps", "3", "--duration", "1.5s",
                "--warmup", "0.3s", "--concurrency", "1", "--out", output).Succeeded();
            TestContext.Current.TestOutputHelper?.WriteLine(run.Stdout);

            // Then all twelve pairs were measured, and the third host, and only it, stands out, with its qdisc as the
            // evidence, in the results and on the console
            using var document = JsonDocument.Parse(File.ReadAllText(output));
            var cells = document.RootElement.GetProperty("cells").EnumerateArray().ToList();
            Assert.All(cells, c => Assert.Equal("ok", c.GetProperty("status").GetString()));
            Assert.Equal(12, cells.Select(c => (c.GetProperty("sender").GetString(), c.GetProperty("receiver").GetString())).Distinct().Count());
            var outliers = document.RootElement.GetProperty("fleet").GetProperty("outliers").EnumerateArray().ToList();
            Assert.True(outliers.Count > 0, $"no host named\n{run.Stdout}");
            Assert.All(outliers, o =>
            {
                Assert.Equal(UmlFleet.NameOf(3), o.GetProperty("host").GetString());
                Assert.Contains(o.GetProperty("evidence").EnumerateArray(),
                    e => e.GetProperty("setting").GetString() == "qdisc" && e.GetProperty("value").GetString() == "netem");
            });
            Assert.Contains($"stands out: {UmlFleet.NameOf(3)} as ", run.Stdout);
            Assert.Contains("differs in qdisc netem", run.Stdout);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
