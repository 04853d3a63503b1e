namespace PerfSuite.Report.Compare;

/// <summary>One thing a NIC can do for encapsulated traffic, and the kernel features (first one preferred) that
/// say whether it does.</summary>
/// <param name="Name">"segmentation", "checksum", "tunnel port", "hardware GRO".</param>
/// <param name="Features">Kernel feature names; any of them being on means the NIC does it.</param>
/// <param name="Meaning">What it saves when the NIC does it.</param>
public sealed record OffloadAspect(string Name, IReadOnlyList<string> Features, string Meaning)
{
    public static readonly OffloadAspect Checksum = new("checksum", ["tx-checksum-ip-generic", "tx-checksum-ipv4"],
        "the NIC fills in the inner TCP checksum");
    public static readonly OffloadAspect TunnelPort = new("tunnel port", ["rx-udp_tunnel-port-offload"],
        "the NIC knows the VXLAN port: it hashes and checksums the inner packet on receive");
    public static readonly OffloadAspect HardwareGro = new("hardware GRO", ["rx-gro-hw"],
        "the NIC merges received segments before the kernel sees them");

    /// <summary>The seven aspects the offload-coverage ranking counts: each encapsulation's segmentation, then
    /// checksum, tunnel port and hardware GRO once.</summary>
    public static IReadOnlyList<OffloadAspect> Coverage => EncapsulationOffloads.All
        .Select(e => e.Segmentation).OfType<OffloadAspect>()
        .Concat([Checksum, TunnelPort, HardwareGro])
        .ToList();
}
