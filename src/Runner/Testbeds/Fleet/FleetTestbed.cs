using System.Globalization;
using PerfSuite.Lab.Fleet;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Testbeds.Fleet;

/// <summary>
/// Hosts as a testbed (docs/fleet.md): every datapath of the run built across them by their agents
/// (<c>perfsuite agent --allow-lab</c>), over the NIC under test, once per offload profile (a stage), and measured
/// between every ordered pair of hosts. The underlay MTU is the NICs'; PerfSuite never changes a real NIC's MTU.
/// </summary>
public sealed class FleetTestbed(RunSpec spec, IReadOnlyList<RemotePeer> hosts, int concurrency = 1) : ITestbed
{
    /// <summary>What a fleet run builds unless --paths says otherwise: every datapath an agent builds across hosts.</summary>
    public static IReadOnlyList<Datapath> DefaultPaths { get; } =
        [Datapath.Native, Datapath.Vxlan, Datapath.Ipip, Datapath.Wireguard, Datapath.VxlanWireguard];

    public void Validate()
    {
        if (hosts.Count < 2)
            throw Invalid("a fleet run needs at least two hosts in --hosts");
        if (hosts.Count > FleetAddressing.MaxHosts)
            throw Invalid($"a fleet run takes at most {FleetAddressing.MaxHosts} hosts, not {hosts.Count}");
        if (hosts.Select(h => h.ToString()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != hosts.Count)
            throw Invalid("a host is listed twice in --hosts");
        if (hosts.Any(h => string.IsNullOrEmpty(h.Token)))
            throw Invalid("a fleet run needs the agents' --token");
        if (spec.Offloads.Count == 0)
            throw Invalid("a fleet run needs at least one offload profile");
        if (hosts.Count > 0 && hosts[0].LocalNetns is { } netns)
        {
            if (!Environment.IsPrivilegedProcess)
                throw new PerfSuiteException(ErrorReason.PermissionDenied, $"running the runner in network namespace '{netns}' needs root (CAP_SYS_ADMIN for setns)");
            _ = LoadGen.Traffic.NetworkScope.Of(netns);
        }
        if (concurrency < 1)
            throw Invalid($"--concurrency must be at least 1, not {concurrency}");
        if (spec.UnderlayMtus.Count > 1)
            throw Invalid("a fleet run measures at the MTU its NICs have: give at most one --mtu, and only that MTU");
    }

    public int CellCount => StageCount * spec.Paths.Count * hosts.Count * (hosts.Count - 1) * spec.Tests.Count * spec.Repetitions;

    public int StageCount => spec.Offloads.Count;

    public async Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel)
    {
        var offloads = spec.Offloads[index];
        progress.Phase(string.Create(CultureInfo.InvariantCulture,
            $"connecting to {hosts.Count} agents for offload profile {offloads.Name}"));
        return await FleetStage.OpenAsync(spec, hosts, offloads, RunLab(), concurrency, progress, cancel);
    }

    /// <summary>The lab name of this stage on every host: 'f' and four random letters or digits; the agents add their
    /// host number, so names stay unique even where several agents share one kernel (the tests' namespace hosts).</summary>
    private static string RunLab()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return "f" + string.Create(4, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
