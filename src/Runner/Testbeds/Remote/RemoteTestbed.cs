using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Remote;

/// <summary>Two hosts as a testbed (issue 8): this host sends from a local agent, the agent on the peer receives, each
/// samples its own CPU and describes its own environment. Nothing is built: the path is whatever the two hosts are
/// connected by (<c>host</c> unless the run names another), at the MTU of the route between them, with the NICs'
/// offloads as they are.</summary>
public sealed class RemoteTestbed(RunSpec spec, RemotePeer peer) : ITestbed
{
    public void Validate()
    {
        if (spec.Paths.Count != 1)
            throw Invalid("a remote run measures the one path between two hosts; name at most one with --paths");
        if (spec.UnderlayMtus.Count != 0)
            throw Invalid("a remote run measures at the MTU the hosts have; --mtu is for the lab");
        if (spec.Offloads is not [{ Name: var offloads }] || offloads != OffloadProfiles.Default.Name)
            throw Invalid("a remote run measures the NICs' offloads as they are; --offloads is for the lab");
        if (string.IsNullOrEmpty(peer.Token))
            throw Invalid("a remote run needs the agent's --token");
        if (peer.LocalNetns is not null)
        {
            if (!Environment.IsPrivilegedProcess)
                throw new PerfSuiteException(ErrorReason.PermissionDenied,
                    $"running this side in network namespace '{peer.LocalNetns}' needs root (CAP_SYS_ADMIN for setns)");
            _ = NetworkScope.Of(peer.LocalNetns);
        }
    }

    public int CellCount => spec.Tests.Count * spec.Repetitions;

    public int StageCount => 1;

    public async Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel) =>
        new RemoteStage(await RemoteEndpointPair.ConnectAsync(spec, peer, progress, cancel));

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
