using PerfSuite.Model.Datapaths;

namespace PerfSuite.Tune.Rules;

/// <summary>Where each CNI keeps the MTU it programs, so a finding can say how to make a change last: CNI agents
/// set their devices again when they restart, and some (Calico's felix, Cilium's agent) keep reconciling them.</summary>
public static class CniPersistence
{
    public static string MtuKnob(CniFlavour flavour) => flavour switch
    {
        CniFlavour.Flannel =>
            "flanneld sets flannel.1 to the underlay MTU − 50 when it starts and writes the pod MTU to /run/flannel/subnet.env: fix the underlay MTU and restart flanneld; pods keep their MTU until recreated",
        CniFlavour.Calico =>
            "felix reconciles its devices: set FelixConfiguration vxlanMTU/ipipMTU/wireguardMTU (or the Installation's MTU with the operator) and the CNI's veth_mtu, or leave them unset for auto-detection; pods keep their MTU until recreated",
        CniFlavour.Cilium =>
            "the agent rewrites device and route MTUs: set mtu in the cilium-config ConfigMap and restart the agent; pods keep their route MTU until recreated",
        _ => "make it permanent in the CNI's or the network configuration, or it is lost on reboot",
    };
}
