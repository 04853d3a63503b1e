using PerfSuite.Lab.Datapaths.Geneve;
using PerfSuite.Lab.Datapaths.Ipip;
using PerfSuite.Lab.Datapaths.Routing;
using PerfSuite.Lab.Datapaths.Stacked;
using PerfSuite.Lab.Datapaths.Vxlan;
using PerfSuite.Lab.Datapaths.Wireguard;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths;

/// <summary>
/// The builders the lab can use, per datapath in the order they are tried: kernel implementations before
/// userspace ones. A datapath without a usable builder is reported skipped with every builder's reason.
/// Where the kernel has no module the userspace builders take over: <see cref="UserspaceIpipDatapathBuilder"/> after
/// <see cref="KernelIpipDatapathBuilder"/>, and the WireGuard paths over wireguard-go after the kernel module. Other
/// builders plug in here, or through <see cref="With"/>'s result in <c>LabServices.Catalog</c>.
/// </summary>
public sealed class DatapathCatalog
{
    private readonly IReadOnlyList<IDatapathBuilder> _builders;

    public DatapathCatalog(IEnumerable<IDatapathBuilder> builders) => _builders = builders.ToList();

    public static DatapathCatalog Default { get; } = new([
        new SameNodeDatapathBuilder(),
        new HostDatapathBuilder(),
        new NativeDatapathBuilder(),
        new VxlanDatapathBuilder(),
        new KernelIpipDatapathBuilder(),
        new UserspaceIpipDatapathBuilder(),
        new WireguardDatapathBuilder(KernelWireguardImplementation.Instance),
        new WireguardDatapathBuilder(WireguardGoImplementation.Instance),
        new VxlanWireguardDatapathBuilder(KernelWireguardImplementation.Instance),
        new VxlanWireguardDatapathBuilder(WireguardGoImplementation.Instance),
        new GeneveDatapathBuilder(),
    ]);

    public IReadOnlyList<IDatapathBuilder> Builders => _builders;

    /// <summary>The builders for <paramref name="datapath"/>: kernel first, then in registration order.</summary>
    public IReadOnlyList<IDatapathBuilder> For(Datapath datapath) =>
        _builders.Where(b => b.Datapath == datapath).OrderBy(b => b.Impl == DatapathImplementation.Kernel ? 0 : 1).ToList();

    public DatapathCatalog With(params IDatapathBuilder[] builders) => new(_builders.Concat(builders));
}
