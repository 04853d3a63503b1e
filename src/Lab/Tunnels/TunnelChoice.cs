using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tunnels;

/// <summary>How a tunnel datapath will be built on this machine, or why it cannot be (then
/// <see cref="Implementation"/> is null and <see cref="Reason"/> says why, for the skipped-path report).</summary>
public sealed record TunnelChoice(DatapathImplementation? Implementation, string Reason)
{
    public bool CanBuild => Implementation is not null;
}
