using PerfSuite.Model.Datapaths;
using PerfSuite.Probe.Topology;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>A tunnel device's MTU against what its underlay carries: larger, and encapsulated packets exceed the
/// underlay (fragmented outer packets or drops); smaller, and every packet carries less payload than it could
/// (a 1450-byte tunnel on a 9000-byte fabric wastes most of it).</summary>
public sealed class TunnelMtuRule : ITuneRule
{
    public const string TooLarge = "mtu.tunnel-too-large";
    public const string TooSmall = "mtu.tunnel-too-small";

    public IReadOnlyList<RuleDescription> Describes { get; } =
    [
        new(TooLarge, "tunnel device MTU larger than the underlay carries after encapsulation", Sources.Rfc7348),
        new(TooSmall, "tunnel device MTU smaller than the underlay allows", Sources.CalicoMtu),
    ];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var mistake in MtuAudit.Tunnels(context.Facts, context.Topology))
        {
            var tunnel = mistake.Tunnel!;
            if (!context.Reports(tunnel.Name))
                continue;
            var (tooLarge, proposed) = (mistake.TooLarge, mistake.Proposed);
            var effect = tooLarge
                ? "large packets cross the tunnel whole instead of being fragmented or lost; path MTU discovery no longer has to rescue TCP"
                : $"payload per packet rises from {tunnel.Mtu} to {proposed} bytes: fewer packets per byte, so less CPU per Gbit and a higher goodput ceiling (raise the pod MTU with it)";
            yield return new Finding(
                $"{(tooLarge ? TooLarge : TooSmall)}@{tunnel.Name}",
                tooLarge ? TooLarge : TooSmall,
                FindingSubject.Interface(tunnel.Name),
                $"mtu {tunnel.Mtu}",
                $"mtu {proposed}",
                mistake.Why,
                SourceFor(tunnel.Datapath, tunnel.Flavour),
                effect,
                $"Lowering or raising a tunnel MTU under live traffic makes TCP renegotiate its segment size; connections through it may stall briefly. {CniPersistence.MtuKnob(tunnel.Flavour)}.",
                tooLarge ? RiskLevel.Low : RiskLevel.Medium,
                FindingAction.Apply,
                [new MtuSetting(tunnel.Name, proposed)]);
        }
    }

    internal static string SourceFor(Datapath datapath, CniFlavour flavour)
    {
        // Without encapsulation of its own (native routing) the pod MTU rule still cites VXLAN's, as it always has.
        var encapsulation = datapath.Standard ?? Sources.Rfc7348;
        var cni = flavour switch
        {
            CniFlavour.Flannel => Sources.FlannelMtu,
            CniFlavour.Cilium => Sources.CiliumMtu,
            _ => Sources.CalicoMtu,
        };
        return $"{encapsulation}; {cni}";
    }
}
