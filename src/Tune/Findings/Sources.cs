using PerfSuite.Model.Datapaths;

namespace PerfSuite.Tune.Findings;

/// <summary>The references findings cite, named so a reader can find them.</summary>
public static class Sources
{
    public static readonly string Rfc7348 = Datapath.Vxlan.Standard!;
    public const string Rfc1191 = "RFC 1191 / RFC 4821 (path MTU discovery and the black holes it falls into when ICMP is lost)";
    public const string FlannelMtu =
        "Flannel vxlan backend (encapOverhead = 50: flannel.1 MTU = underlay MTU − 50; wireguard backend − 80), docs: Documentation/backends.md";
    public const string CalicoMtu =
        "Calico docs, \"Configure MTU to maximize network performance\" (VXLAN −50, IP in IP −20, WireGuard −60 over IPv4; raise all of them on jumbo fabrics)";
    public const string CiliumMtu =
        "Cilium docs, MTU: pod devices keep the device MTU and the tunnel's lower MTU is set as the route MTU";
    public const string InfraBuilderMtu =
        "reference/methodology.md §5 (InfraBuilder 2020: a pod MTU left at 1440/1450 on a 9000-byte fabric cost more than the encapsulation)";
    public const string KernelSegmentationOffloads =
        "Linux Documentation/networking/segmentation-offloads.rst (GRO; UDP tunnel segmentation: tx-udp_tnl-segmentation, tx-udp_tnl-csum-segmentation)";
    public const string KernelNetdevFeatures =
        "Linux Documentation/networking/netdev-features.rst (rx-gro-hw: NETIF_F_GRO_HW, hardware GRO that, unlike LRO, is safe for forwarding)";
    public const string KernelUdpGroForwarding =
        "Linux commit 36707061d6ba \"udp: allow forwarding of plain (non-fraglisted) UDP GRO packets\" (5.12; rx-udp-gro-forwarding, off by default: NETIF_F_SOFT_FEATURES_OFF)";
    public const string VxlanChecksumIssues =
        "Calico issue 11435 (vxlan.calico on kernels 6.12+: 50–300 Mbit/s with tx-checksum-ip-generic on, 9+ Gbit/s off), Calico issue 3145 and Flannel PR 1282 (63-second delays with the flag on, Kubernetes issue 88986, vmxnet3), kubespray issue 8992 (turning it off costs throughput elsewhere)";
    public const string KernelScaling =
        "Linux Documentation/networking/scaling.rst (RSS: one receive queue per CPU; RPS for single-queue devices)";
    public const string RingBuffers =
        "ethtool(8) -g/-G; Red Hat Enterprise Linux Network Performance Tuning Guide (ring buffer exhaustion drops frames at the NIC)";
    public const string AdaptiveCoalescing =
        "ethtool(8) -C adaptive-rx/adaptive-tx; Linux Documentation/networking/net_dim.rst (dynamic interrupt moderation)";
    public const string TunedNetworkThroughput =
        "tuned profile network-throughput (redhat-performance/tuned profiles/network-throughput/tuned.conf: net.ipv4.tcp_rmem=\"4096 131072 16777216\", net.ipv4.tcp_wmem=\"4096 16384 16777216\")";
    public const string BandwidthDelayProduct =
        "RFC 6349 (the TCP window must cover the bandwidth-delay product); Linux Documentation/networking/ip-sysctl.rst (tcp_rmem, tcp_wmem, tcp_adv_win_scale: half of the receive buffer goes to overhead)";
    public const string CoreSocketBuffers =
        "Linux Documentation/admin-guide/sysctl/net.rst (rmem_max, wmem_max: the ceiling for SO_RCVBUF/SO_SNDBUF set by applications)";
    public const string NetdevBacklog =
        "Linux Documentation/admin-guide/sysctl/net.rst (netdev_max_backlog); /proc/net/softnet_stat column 2 counts the drops (Red Hat Network Performance Tuning Guide)";
    public const string SlowStartAfterIdle =
        "Linux Documentation/networking/ip-sysctl.rst (tcp_slow_start_after_idle: RFC 2861 congestion window validation after idle); RFC 7661";
    public const string NotsentLowat =
        "Linux Documentation/networking/ip-sysctl.rst (tcp_notsent_lowat) and commit c9bee3b7fdec \"tcp: TCP_NOTSENT_LOWAT socket option\"";
}
