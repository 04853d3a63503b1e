using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary><c>perfsuite run --lab NAME</c> measures a lab built by <c>perfsuite lab up --name NAME</c> as it is and
/// leaves it up; <c>--udp-rate</c> paces udp-stream. Bad values of either are refused with exit 2 before anything runs.</summary>
// Builds a lab and counts its processes: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class RunExistingLabTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Run_lab_measures_the_lab_as_built_paced_by_udp_rate_and_leaves_it_up()
    {
        // Given a lab of native and vxlan built at underlay MTU 9000 by lab up
        Requires.Root("network namespaces");
        var name = "rl" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-runlab-{Guid.NewGuid():N}.json");
        try
        {
            var up = await CliHost.RunAsync("lab", "up", "--name", name, "--paths", "native,vxlan", "--underlay-mtu", "9000");
            Assert.True(up.ExitCode == 0, up.Stderr + up.Stdout);

            // When run measures it: udp-stream offered at 200 Mbit/s, and a path the lab does not have
            var run = await CliHost.RunAsync("run", "--lab", name, "--paths", "native,vxlan,ipip", "--tests", "udp-stream,tcp-rr",
                "--udp-rate", "200m", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", output);
            log.WriteLine(run.Stdout + run.Stderr);

            // Then every cell of the lab's paths ran at the lab's MTU, the missing path is skipped with the reason
            Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
            var document = ResultsReader.Load(output);
            var ok = document.Cells.Where(c => c.Status == CellStatus.Ok).ToList();
            Assert.Equal(["native/tcp-rr", "native/udp-stream", "vxlan/tcp-rr", "vxlan/udp-stream"],
                ok.Select(c => $"{c.Path}/{c.Test}").Order(StringComparer.Ordinal));
            Assert.All(document.Cells, c => Assert.Equal(9000, c.UnderlayMtu));
            Assert.Equal(8950, ok.Single(c => c.Path == "vxlan" && c.Test == TrafficTestNames.UdpStream).PodMtu);
            var ipip = document.Cells.Where(c => c.Path == "ipip").ToList();
            Assert.Equal(2, ipip.Count);
            Assert.All(ipip, c => Assert.Equal(CellStatus.Skipped, c.Status));
            Assert.Contains($"lab '{name}' has no ipip path", ipip[0].Reason, StringComparison.Ordinal);
            // ... the sender offered about 200 Mbit/s (paced: far below what an unpaced sender reaches on veth;
            // generous bounds, this is not a timing test)
            foreach (var udp in ok.Where(c => c.Test == TrafficTestNames.UdpStream))
            {
                var datagrams = udp.Metrics!.Udp!;
                var offered = datagrams.DatagramsSent * (double)TestDatagramBytes(udp) * 8 / udp.DurationSeconds;
                Assert.InRange(offered, 100e6, 300e6);
            }
            // ... and the lab is still up, with no agent of the run left in its state
            Assert.True(NetworkNamespace.Exists(LabNaming.NodeNamespace(name, Datapath.Vxlan, 1)));
            Assert.Contains($"lab '{name}'", run.Stdout + run.Stderr, StringComparison.Ordinal);
            var state = PerfSuite.Lab.State.LabStateStore.Default.Load(name)!;
            Assert.DoesNotContain(state.Processes, p => p.Description.StartsWith("run --lab", StringComparison.Ordinal));
        }
        finally
        {
            await CliHost.RunAsync("lab", "down", name);
            File.Delete(output);
        }
        Assert.False(NetworkNamespace.Exists(LabNaming.NodeNamespace(name, Datapath.Native, 1)));
    }

    [Theory]
    [InlineData("--lab", "zq9", "no PerfSuite lab 'zq9'")]
    [InlineData("--lab", "Bad Name!", "lab name 'Bad Name!' must be lowercase letters and digits only")]
    [InlineData("--udp-rate", "fast", "--udp-rate: 'fast' is not a bit rate")]
    [InlineData("--udp-rate", "-5m", "--udp-rate")]
    [InlineData("--udp-rate", "500", "--udp-rate must be 0")]
    [InlineData("--udp-rate", "2t", "--udp-rate must be 0")]
    [InlineData("--udp-rate", "1e300", "--udp-rate")]
    public async Task Bad_lab_and_udp_rate_values_exit_2_with_one_line(string option, string value, string message)
    {
        var result = await CliHost.RunAsync("run", option, value, "--tests", "udp-stream", "--out", Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lab_refuses_the_options_that_build_a_lab_and_udp_rate_needs_udp_stream()
    {
        var mtu = await CliHost.RunAsync("run", "--lab", "x", "--mtu", "9000");
        var rate = await CliHost.RunAsync("run", "--tests", "tcp-stream", "--udp-rate", "1g");
        var cpus = await CliHost.RunAsync("run", "--lab", "x", "--cpus", "auto");

        Assert.Equal(2, mtu.ExitCode);
        Assert.Contains("--mtu builds a lab; --lab x measures that lab as it was built", mtu.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, rate.ExitCode);
        Assert.Contains("--udp-rate paces udp-stream, which --tests does not include", rate.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, cpus.ExitCode);
        Assert.Contains("--cpus places the agents of a lab the run builds", cpus.Stderr, StringComparison.Ordinal);
    }

    private static int TestDatagramBytes(CellResult cell) => LoadGen.Traffic.TestSpec.DatagramBytesForPodMtu(cell.PodMtu!.Value);
}
