using System.Text;
using PerfSuite.Model.Errors;
using PerfSuite.Report.Compare;

namespace PerfSuite.Report.Tests.Compare;

public sealed class CompareInputLoaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ps-compare-{Guid.NewGuid():N}");

    public CompareInputLoaderTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("host.probe.json", CompareInputKind.Probe, "vm", 2)]
    [InlineData("eth0.ethtool-i-k.txt", CompareInputKind.EthtoolDump, "eth0.ethtool-i-k.txt", 1)]
    [InlineData("ixgbe-composed.ethtool-i-k.txt", CompareInputKind.EthtoolDump, "ixgbe-composed.ethtool-i-k.txt", 1)]
    public void The_kind_is_told_by_content(string fixture, CompareInputKind kind, string name, int interfaces)
    {
        // Given the fixture under a name that says nothing
        var path = Write("input", File.ReadAllBytes(CompareFixtures.PathOf(fixture)));

        var input = CompareInputLoader.Load(path);

        Assert.Equal((kind, name == "vm" ? name : "input", interfaces), (input.Kind, input.Name, input.Interfaces.Count));
    }

    [Fact]
    public void A_results_file_is_read_with_its_label_and_nic_snapshot()
    {
        var input = CompareRuns.Load(CompareRuns.NicA(), "a.json");

        Assert.Equal((CompareInputKind.Results, "nic-a", "node-a"), (input.Kind, input.Name, input.Hostname));
        Assert.Equal(["ens1"], input.Interfaces.Select(i => i.Name));
        Assert.NotNull(input.Results);
    }

    [Fact]
    public void A_fleet_results_file_offers_its_hosts_NICs_under_test_and_not_the_runners_interfaces()
    {
        // Given a fleet run of four hosts, started from a runner whose own interface was probed too
        var input = CompareRuns.Load(new SyntheticFleet().Document(), "fleet.json");

        // Then its interfaces are the hosts' NICs, by host; the first host's is compared, the others named
        Assert.Equal((CompareInputKind.Results, "fleet of 4 hosts", "node-a, node-b, node-c, node-d", "6.18.0"), (input.Kind, input.Name, input.Hostname, input.Kernel));
        Assert.Equal(["node-a/eth0", "node-b/eth0", "node-c/eth0", "node-d/eth0"], input.Interfaces.Select(i => i.QualifiedName));
        var (chosen, notes) = InterfaceChooser.Choose(input);
        Assert.Equal("node-a/eth0", chosen!.QualifiedName);
        Assert.Contains("also in this input: node-b/eth0, node-c/eth0, node-d/eth0", Assert.Single(notes));
        // And one host's NIC is named as HOST/IFACE
        Assert.Equal("node-c/eth0", InterfaceChooser.Choose(input with { RequestedInterface = "node-c/eth0" }).Interface!.QualifiedName);
    }

    [Fact]
    public void A_colon_names_the_interface_when_the_whole_argument_is_not_a_file()
    {
        var path = Write("snapshot.json", File.ReadAllBytes(CompareFixtures.PathOf("host.probe.json")));

        var input = CompareInputLoader.Load(path + ":lo");

        Assert.Equal((path, "lo"), (input.Path, input.RequestedInterface));
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "empty", "  \n\n", "{0} is empty" },
        { "array", "[1, 2]", "{0} is a JSON array, not a PerfSuite document" },
        { "noschema", "{\"a\": 1}", "{0} is JSON without a \"schema\" field, so not a PerfSuite document" },
        { "ceiling", "{\"schema\": \"perfsuite/ceiling@1\"}", "{0} is a 'perfsuite/ceiling@1' document; compare reads results (perfsuite/results@1), probe snapshots (perfsuite/probe@1) and ethtool -k text" },
        { "probe2", "{\"schema\": \"perfsuite/probe@2\"}", "{0} has schema perfsuite/probe@2; this PerfSuite reads perfsuite/probe@1" },
        { "results2", "{\"schema\": \"perfsuite/results@2\"}", "{0} has schema perfsuite/results@2; this PerfSuite reads perfsuite/results@1" },
        { "broken", "{\"schema\": \"perfsuite/probe@1\",\n  \"interfaces\": [ }", "{0} is not valid JSON: " },
        { "nointerfaces", "{\"schema\": \"perfsuite/probe@1\", \"hostname\": \"h\"}", "{0} is not a valid probe snapshot: " },
        { "badinterface", "{\"schema\": \"perfsuite/probe@1\", \"interfaces\": [{\"name\": \"eth0\"}]}", "{0} is not a valid probe snapshot: " },
        { "noresults", "{\"schema\": \"perfsuite/results@1\"}", "{0} is not a valid results document" },
        { "prose", "Hello,\nhere are the offloads you asked for:\nFeatures for eth0:\n", "{0} is neither a PerfSuite JSON document (results, probe snapshot) nor ethtool -k text: line 1 reads 'Hello,'" },
        { "baddump", "driver: ixgbe\nFeatures for eth2:\nrx-checksumming: on\ntx-checksumming: of\n", "{0} line 4: 'tx-checksumming: of' is not a feature line" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Unusable_input_is_refused_in_one_line_that_names_the_file(string name, string content, string expected)
    {
        var path = Write(name, Encoding.UTF8.GetBytes(content));

        var error = Assert.Throws<PerfSuiteException>(() => CompareInputLoader.Load(path));

        Assert.Equal(ErrorReason.InvalidArgument, error.Reason);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Invalid_json_says_where()
    {
        var path = Write("broken.json", "{\"schema\": \"perfsuite/probe@1\",\n  \"interfaces\": [ }"u8.ToArray());

        var error = Assert.Throws<PerfSuiteException>(() => CompareInputLoader.Load(path));

        Assert.EndsWith("(line 2, column 19)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_binary_file_are_refused()
    {
        var missing = Path.Combine(_directory, "nope.json");
        var binary = Write("blob", [0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00]);

        Assert.Equal($"{missing} does not exist", Assert.Throws<PerfSuiteException>(() => CompareInputLoader.Load(missing)).Message);
        Assert.StartsWith($"{binary} is neither JSON nor text (it is not UTF-8)",
            Assert.Throws<PerfSuiteException>(() => CompareInputLoader.Load(binary)).Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
