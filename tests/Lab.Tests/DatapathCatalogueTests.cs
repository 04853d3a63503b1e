using PerfSuite.Kernel.Namespaces;
using PerfSuite.Lab.Datapaths;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests;

/// <summary>
/// Every datapath in the catalogue (<see cref="Datapath.All"/>), whatever its kind, is accepted by what the lab
/// does with datapaths: <c>lab up</c> has a builder for it, its namespaces are named and parsed back, and
/// <c>lab clean</c> removes them. (That <c>tune</c> accepts each one is in Tune.Tests, DatapathCatalogueTopologyTests.)
/// </summary>
public sealed class DatapathCatalogueTests
{
    public static TheoryData<string> Datapaths() => new(Datapath.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Datapaths))]
    public void Lab_up_has_a_builder_for_every_datapath_with_a_description_or_a_stated_skip_reason(string name)
    {
        // Given a datapath of the catalogue
        var datapath = Datapath.Parse(name);

        // When the lab looks for its builders
        var builders = DatapathCatalog.Default.For(datapath);

        // Then there is at least one, each says how it builds the path, and a skip it knows in advance has a reason
        Assert.NotEmpty(builders);
        Assert.All(builders, b => Assert.False(string.IsNullOrWhiteSpace(b.Description)));
        Assert.All(builders, b => Assert.True(b.SkipReason() is null || b.SkipReason()!.Length > 0));
        Assert.All(builders, b => Assert.Equal(datapath, b.Datapath));
    }

    [Theory]
    [MemberData(nameof(Datapaths))]
    public void Node_and_pod_namespace_names_of_every_datapath_round_trip_through_the_parser(string name)
    {
        // Given a datapath and the names the lab gives its namespaces
        var datapath = Datapath.Parse(name);
        var node = LabNaming.NodeNamespace("dpcat", datapath, 2);
        var pod = LabNaming.PodNamespace("dpcat", datapath, 2, 1);

        // When they are parsed back
        var parsed = LabNaming.TryParseNodeNamespace(node, out var lab, out var path, out var number);

        // Then the node namespace gives back lab, datapath and node; the pod namespace is not a node
        Assert.True(parsed, node);
        Assert.Equal(("dpcat", datapath, 2), (lab, path, number));
        Assert.False(LabNaming.TryParseNodeNamespace(pod, out _, out _, out _), pod);
        Assert.Matches("^[a-z0-9]+$", datapath.Code);
    }

    [Fact]
    public void Datapath_codes_names_kinds_and_CNI_device_names_are_unique_and_every_kind_is_catalogued()
    {
        Assert.Equal(Datapath.All.Count, Datapath.All.Select(d => d.Code).Distinct().Count());
        Assert.Equal(Datapath.All.Count, Datapath.All.Select(d => d.Name).Distinct().Count());
        Assert.Equal(Enum.GetValues<DatapathKind>().Order(), Datapath.All.Select(d => d.Kind).Order());
        var cniNames = Datapath.All.SelectMany(d => d.CniDevices).Select(c => c.Name).ToList();
        Assert.Equal(cniNames.Count, cniNames.Distinct().Count());
    }

    [Fact]
    public void Lab_clean_removes_the_node_and_pod_namespaces_of_every_datapath()
    {
        // Given a node and a pod namespace of every datapath, as a lab that died would leave them, with no state
        ScratchLab.RequireRoot();
        const string lab = "dpcat";
        var names = Datapath.All.SelectMany(d => new[] { LabNaming.NodeNamespace(lab, d, 1), LabNaming.PodNamespace(lab, d, 1, 1) }).ToList();
        var store = new LabStateStore(Path.Combine(Path.GetTempPath(), "ps-dpcat-state-" + Guid.NewGuid().ToString("N")));
        try
        {
            foreach (var netns in names)
                NetworkNamespace.Create(netns);

            // When the lab is removed
            var removed = new LabCleaner(store).Remove(lab);

            // Then every one of them is gone
            Assert.True(removed);
            Assert.DoesNotContain(names, NetworkNamespace.Exists);
        }
        finally
        {
            foreach (var netns in names)
                NetworkNamespace.Delete(netns, ignoreMissing: true);
            if (Directory.Exists(store.Directory))
                Directory.Delete(store.Directory, recursive: true);
        }
    }
}
