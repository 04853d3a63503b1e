using PerfSuite.Model.Datapaths;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

/// <summary>Every datapath in the catalogue (<see cref="Datapath.All"/>) is accepted by tune: a lab node of it, built
/// right (<see cref="SyntheticNode.LabNode"/>), read for <c>--path NAME</c>, has no MTU finding. (That the topology is
/// read right is the Probe's DatapathCatalogueTopologyTests.)</summary>
public sealed class DatapathCatalogueTuneTests
{
    public static TheoryData<string> Datapaths() => new(Datapath.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Datapaths))]
    public void A_lab_node_of_every_datapath_is_accepted_with_no_mtu_finding(string name)
    {
        var datapath = Datapath.Parse(name);
        var facts = SyntheticNode.LabNode(datapath).Build();

        var findings = Evaluate.Rule(facts, "mtu.", new TuneOptions(Path: datapath));

        Assert.Empty(findings.Select(f => f.Id));
    }
}
