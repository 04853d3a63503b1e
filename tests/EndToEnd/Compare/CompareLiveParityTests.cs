using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Report.Compare;

namespace PerfSuite.EndToEnd.Tests.Compare;

/// <summary>What a user saves with <c>{ ethtool -i IF; ethtool -k IF; } &gt; dump 2&gt;&amp;1</c> on this machine, for
/// every kind of device the kernel can make, read back by compare's parser and set beside PerfSuite's own
/// SIOCETHTOOL snapshot of the same device, taken a moment later.</summary>
public sealed class CompareLiveParityTests(DeviceZoo zoo) : IClassFixture<DeviceZoo>, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ps-compare-live-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<string> Devices() => new(DeviceZoo.Devices);

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task A_saved_dump_parses_to_the_features_and_driver_the_probe_reads(string device)
    {
        // Given a dump saved the way a colleague would, and the probe's snapshot of the same device
        Requires.That(zoo.Name is not null, "needs root (network namespaces)");
        HostSkips.WhenDeviceKindMissing(zoo.Missing(device));
        var dump = SaveDump(device);
        var snapshot = await Probe(device);

        // When the dump is parsed
        var parsed = Assert.Single(EthtoolDumpParser.Parse(File.ReadAllText(dump), dump).Interfaces);

        // Then the four masks of every feature and the driver agree with SIOCETHTOOL
        Assert.Equal(snapshot.Features.ToDictionary(f => f.Name), parsed.Features.ToDictionary(f => f.Name));
        Assert.Equal(snapshot.Driver?.Driver, parsed.Driver?.Driver);
        Assert.Equal(snapshot.Driver?.BusInfo, parsed.Driver?.BusInfo);
    }

    [Theory]
    [InlineData("lo")]
    [InlineData("veth0")]
    [InlineData("vxlan0")]
    [InlineData("tun0")]
    public async Task Compare_gives_a_dump_and_a_snapshot_of_one_device_the_same_offload_verdicts(string device)
    {
        Requires.That(zoo.Name is not null, "needs root (network namespaces)");
        var dump = SaveDump(device);
        var probe = Path.Combine(_directory, "probe.json");
        var snapshot = await CliHost.RunAsync("probe", "--netns", zoo.Name!, "--format", "json");
        File.WriteAllText(probe, snapshot.Stdout);

        var (code, stdout, stderr) = await CliHost.RunAsync("compare", dump, $"{probe}:{device}", "--format", "json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        var report = JsonSerializer.Deserialize(stdout, CompareJsonContext.Default.CompareReport)!;
        Assert.Equal(report.Columns[1].InterfaceKind, report.Columns[0].InterfaceKind);
        foreach (var encapsulation in report.Encapsulations)
        {
            Assert.Equal(encapsulation.Cells[1].Verdict, encapsulation.Cells[0].Verdict);
            foreach (var aspect in encapsulation.Aspects)
                Assert.Equal(aspect.Cells[1], aspect.Cells[0]);
        }
    }

    private string SaveDump(string device)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, $"{device}.txt");
        // 2>&1, as people save it: for lo, "Cannot get driver information: Operation not supported" lands in the file.
        var info = Shell.TryRun("ip", "netns", "exec", zoo.Name!, "ethtool", "-i", device);
        var features = Shell.Run("ip", "netns", "exec", zoo.Name!, "ethtool", "-k", device);
        File.WriteAllText(path, info.Stdout + info.Stderr + features);
        return path;
    }

    private async Task<InterfaceSnapshot> Probe(string device)
    {
        var (code, stdout, stderr) = await CliHost.RunAsync("probe", "--netns", zoo.Name!, "--iface", device, "--format", "json");
        Assert.True(code == ExitCodes.Success, stderr);
        return Assert.Single(JsonSerializer.Deserialize(stdout, ModelJsonContext.Default.ProbeDocument)!.Interfaces);
    }
}
