using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>Issue 21: remote mode over a path whose MTU is above the largest UDP payload (a 64 KiB loopback, a veth of
/// MTU 65535). Every test must run, udp-stream with the largest datagram a socket takes.</summary>
// Counts processes and namespaces machine-wide: runs alone, like the other lab and run tests.
[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class RemoteRunLargeMtuTests(ITestOutputHelper output)
{
    private const string Token = "e2e-large-mtu-token";

    [Fact]
    public async Task A_remote_run_over_a_64_KiB_loopback_measures_every_test()
    {
        // Given agent and runner in one namespace, talking over its loopback (MTU 65536)
        using var host = new LoopbackNamespace();
        await using var agent = await RemoteAgentUnderTest.StartAsync(host.Name, System.Net.IPAddress.Loopback, Token);

        // When
        var document = await RunAllTests(host.Name, $"127.0.0.1:{agent.EndPoint.Port}");

        // Then
        AssertEveryTestMeasured(document, expectedMtu: 65536);
        Assert.False(agent.HasExited);
    }

    [Fact]
    public async Task A_remote_run_over_a_veth_of_MTU_65535_measures_every_test()
    {
        // Given two hosts joined by a veth pair of MTU 65535
        using var hosts = new VethNamespaces();
        VethNamespaces.Ip("-n", hosts.A, "link", "set", "veth0", "mtu", "65535");
        VethNamespaces.Ip("-n", hosts.B, "link", "set", "veth0", "mtu", "65535");
        await using var agent = await RemoteAgentUnderTest.StartAsync(hosts.B, VethNamespaces.AddressB, Token);

        // When
        var document = await RunAllTests(hosts.A, $"{VethNamespaces.AddressB}:{agent.EndPoint.Port}");

        // Then
        AssertEveryTestMeasured(document, expectedMtu: 65535);
        Assert.False(agent.HasExited);
    }

    private async Task<ResultsDocument> RunAllTests(string netns, string peer)
    {
        var file = Path.Combine(Path.GetTempPath(), $"perfsuite-large-mtu-{Guid.NewGuid():N}.json");
        try
        {
            var result = await CliHost.RunAsync("run", "--peer", peer, "--token", Token, "--netns", netns,
                "--tests", "tcp-stream,tcp-rr,tcp-crr,udp-stream", "--reps", "1", "--duration", "1s", "--warmup", "0.2s", "--out", file);
            output.WriteLine(result.Stdout);
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            Assert.DoesNotContain("failed", result.Stdout);
            return ResultsReader.Load(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private void AssertEveryTestMeasured(ResultsDocument document, int expectedMtu)
    {
        Assert.Equal(["tcp-crr", "tcp-rr", "tcp-stream", "udp-stream"], document.Cells.Select(c => c.Test).Order());
        Assert.All(document.Cells, c =>
        {
            Assert.True(c.Status == CellStatus.Ok, $"{c.Test}: {c.Reason}");
            Assert.Equal(expectedMtu, c.PodMtu);
        });
        var stream = document.Cells.Single(c => c.Test == "tcp-stream").Metrics!;
        var rr = document.Cells.Single(c => c.Test == "tcp-rr").Metrics!;
        var crr = document.Cells.Single(c => c.Test == "tcp-crr").Metrics!;
        var udpCell = document.Cells.Single(c => c.Test == "udp-stream");
        var udp = udpCell.Metrics!;
        Assert.True(stream.GoodputBps > 0);
        Assert.True(rr.TransactionsPerSecond > 0);
        Assert.True(crr.ConnectionsPerSecond > 0);
        Assert.True(udp.GoodputBps > 0);
        Assert.True(udp.Udp!.DatagramsReceived > 0);
        // The datagrams were the largest a socket takes (65507 bytes), not the 1472 of a 1500-byte path: the
        // payload received over the window per datagram received, within the window edges' slack.
        var bytesPerDatagram = udp.GoodputBps!.Value / 8 * udpCell.DurationSeconds / udp.Udp.DatagramsReceived;
        Assert.InRange(bytesPerDatagram, UdpDatagramHeader.MaxDatagramBytes * 0.9, UdpDatagramHeader.MaxDatagramBytes * 1.1);
        output.WriteLine(FormattableString.Invariant(
            $"MTU {expectedMtu}: tcp-stream {stream.GoodputBps / 1e9:0.00} Gbit/s, tcp-rr {rr.TransactionsPerSecond:0} /s, tcp-crr {crr.ConnectionsPerSecond:0} /s, udp-stream {udp.GoodputBps / 1e9:0.00} Gbit/s loss {udp.Udp.LossPercent:0.##} % jitter {udp.Udp.JitterUs:0.#} us, {bytesPerDatagram:0} B/datagram"));
    }

    /// <summary>One namespace <c>ps-sm&lt;hex&gt;</c> with its loopback up: runner and agent on the same "host";
    /// deleted on dispose whatever happened.</summary>
    private sealed class LoopbackNamespace : IDisposable
    {
        public LoopbackNamespace()
        {
            Requires.Root("network namespaces");
            Name = "ps-sm" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
            NetworkNamespace.Create(Name);
            try
            {
                VethNamespaces.Ip("-n", Name, "link", "set", "lo", "up");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Name { get; }

        public void Dispose() => NetworkNamespace.Delete(Name, ignoreMissing: true);
    }
}
