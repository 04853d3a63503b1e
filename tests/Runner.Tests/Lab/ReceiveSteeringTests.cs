using System.Net;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Processes;
using PerfSuite.Kernel.Sysfs;
using PerfSuite.Lab;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Runner.Testbeds.Lab;

namespace PerfSuite.Runner.Tests.Lab;

/// <summary>RPS of a placed lab path (docs/methodology.md "CPU placement"): which side each device is on, what a run
/// with <c>--cpus</c> sets in the lab's namespaces and records in its cells, and that the receive softirq then runs
/// where it was sent.</summary>
[Collection(LabCollection.Name)]
public sealed class ReceiveSteeringTests
{
    private const string Receiver = ReceiveSteering.ReceiverSide;
    private const string Sender = ReceiveSteering.SenderSide;
    private static readonly string[] NodeDevices = ["eth0", "cni0", "vxlan0"];
    private static readonly string[] OneNodeDevices = ["veth1", "veth2", "cni0"];

    [Fact]
    public void On_two_nodes_each_node_and_pod_is_on_its_agents_side_and_on_one_node_the_veth_towards_each_pod_is()
    {
        // Given a two-node path (client pod on node 1, server pod on node 2) and a same-node path
        var twoNodes = Path(nodes: 2, clientPod: (1, "ps-t-vx-n1p1", "veth1"), serverPod: (2, "ps-t-vx-n2p1", "veth1"));
        var oneNode = Path(nodes: 1, clientPod: (1, "ps-t-sn-n1p1", "veth1"), serverPod: (1, "ps-t-sn-n1p2", "veth2"));

        // When
        var two = LabReceiveSteering.Sides(twoNodes).ToDictionary(s => s.Namespace, s => s.SideOf);
        var one = LabReceiveSteering.Sides(oneNode).ToDictionary(s => s.Namespace, s => s.SideOf);

        // Then
        Assert.Equal(Sender, two["ps-t-vx-n1p1"]("eth0"));
        Assert.Equal(Receiver, two["ps-t-vx-n2p1"]("eth0"));
        Assert.Equal([Sender, Sender, Sender], NodeDevices.Select(two["ps-t-vx-n1"]));
        Assert.Equal([Receiver, Receiver, Receiver], NodeDevices.Select(two["ps-t-vx-n2"]));
        Assert.Equal(3, one.Count);
        Assert.Equal(Sender, one["ps-t-sn-n1p1"]("eth0"));
        Assert.Equal(Receiver, one["ps-t-sn-n1p2"]("eth0"));
        Assert.Equal([Sender, Receiver, Receiver], OneNodeDevices.Select(one["ps-t-sn-n1"]));
    }

    [Fact]
    public void The_host_path_puts_each_node_on_its_own_agents_side()
    {
        var host = Path(nodes: 2, clientPod: null, serverPod: null);

        var sides = LabReceiveSteering.Sides(host).ToDictionary(s => s.Namespace, s => s.SideOf("eth0"));

        Assert.Equal(new Dictionary<string, string> { ["ps-t-vx-n1"] = Sender, ["ps-t-vx-n2"] = Receiver }, sides);
    }

    [Fact]
    public async Task A_placed_run_steers_every_queue_of_its_paths_to_its_sides_CPU_records_it_and_the_softirq_runs_there()
    {
        // Given a run of a same-node and a vxlan path with the sender on CPU 0 and the receiver on CPU 1
        Requires.Root("the lab creates network namespaces");
        Requires.That(ProcessAffinity.Of(0) is { } allowed && allowed.Contains(0) && allowed.Contains(1),
            "needs CPUs 0 and 1 in this process's affinity");
        var lab = "rs" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"perfsuite-place-{Guid.NewGuid():N}.json");
        var spec = new RunSpec([Datapath.SameNode, Datapath.Vxlan], [1500], [TestKind.TcpStream], 2, TimeSpan.FromSeconds(1),
            TimeSpan.Zero, 1, [OffloadProfiles.Default], output, lab, Cpus: AgentCpus.Parse("sender=0,receiver=1"));
        var progress = new SteeringWatch(lab, rep: 2, path: Datapath.SameNode.Name);
        try
        {
            // When
            var document = await new MatrixRunner(spec, progress).RunAsync(["run"], TestContext.Current.CancellationToken);

            // Then every ok cell records the queues it steered, each side on its agent's CPU
            var ok = document.Cells.Where(c => c.Status == CellStatus.Ok).ToList();
            Assert.Equal(4, ok.Count);
            foreach (var cell in ok)
            {
                var steering = cell.Placement!.Steering!;
                Assert.Contains(steering, s => s.Side == Sender);
                Assert.Contains(steering, s => s.Side == Receiver);
                Assert.All(steering, s => Assert.Equal(s.Side == Sender ? [0] : [1], s.Cpus));
            }
            // ... the receiving pod's and the sending pod's device among them, and the server's node on the receiver's side
            var vxlan = ok.First(c => c.Path == Datapath.Vxlan.Name).Placement!.Steering!;
            Assert.Contains(vxlan, s => s is { Side: Receiver, Device: "eth0" } && s.Namespace == LabNaming.NodeNamespace(lab, Datapath.Vxlan, 2));
            Assert.Contains(vxlan, s => s is { Side: Sender, Device: "eth0" } && s.Namespace == LabNaming.NodeNamespace(lab, Datapath.Vxlan, 1));

            // ... what the lab's namespaces held during the run is exactly what the cells recorded
            Assert.NotNull(progress.Held);
            var recorded = ok.SelectMany(c => c.Placement!.Steering!).Select(s => $"{s.Namespace}/{s.Device}/{s.Queue}={string.Join(',', s.Cpus)}").ToHashSet();
            Assert.Equal(recorded.Order(), progress.Held!.Order());

            // ... and during the same-node cell the receiver's CPU took RPS interrupts and ran NET_RX
            TestContext.Current.TestOutputHelper?.WriteLine($"placed: received_rps {string.Join(", ", progress.ReceivedRps!)}; NET_RX {string.Join(", ", progress.NetRx!)}");
            Assert.True(progress.ReceivedRps![1] >= 20, $"received_rps per CPU during the cell: {string.Join(", ", progress.ReceivedRps)}");
            Assert.True(progress.NetRx![1] >= 100, $"NET_RX per CPU during the cell: {string.Join(", ", progress.NetRx)}");
            Assert.Contains("receive steering (RPS):", ok[0].Placement!.DescribeSteering());
        }
        finally
        {
            File.Delete(output);
            Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith(LabNaming.Prefix(lab), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unplaced_run_changes_no_queue_and_records_no_steering()
    {
        // Given a run without placement
        Requires.Root("the lab creates network namespaces");
        var lab = "rn" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"perfsuite-place-{Guid.NewGuid():N}.json");
        var spec = new RunSpec([Datapath.SameNode], [1500], [TestKind.TcpStream], 2, TimeSpan.FromSeconds(1),
            TimeSpan.Zero, 1, [OffloadProfiles.Default], output, lab);
        var progress = new SteeringWatch(lab, rep: 2, path: Datapath.SameNode.Name);
        try
        {
            // When
            var document = await new MatrixRunner(spec, progress).RunAsync(["run"], TestContext.Current.CancellationToken);

            // Then no queue of the lab had a mask during the run, and no cell says it steered
            Assert.All(document.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
            Assert.All(document.Cells, c => Assert.Null(c.Placement?.Steering));
            Assert.NotNull(progress.Held);
            Assert.Empty(progress.Held!);
            Assert.True(progress.Queues > 0);
            TestContext.Current.TestOutputHelper?.WriteLine($"unplaced: received_rps {string.Join(", ", progress.ReceivedRps!)}; NET_RX {string.Join(", ", progress.NetRx!)}");
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static LabPath Path(int nodes, (int Node, string Ns, string HostVeth)? clientPod, (int Node, string Ns, string HostVeth)? serverPod)
    {
        var code = nodes == 1 ? "sn" : "vx";
        var labNodes = Enumerable.Range(1, nodes).Select(n => new LabNode(n, $"ps-t-{code}-n{n}", IPAddress.Loopback,
            new IPNetwork(IPAddress.Any, 0), IPAddress.Loopback)).ToList();
        var pods = new[] { clientPod, serverPod }.OfType<(int Node, string Ns, string HostVeth)>()
            .Select((p, i) => new LabPod(p.Node, i + 1, p.Ns, IPAddress.Loopback, p.HostVeth)).ToList();
        var client = clientPod is { } c ? new LabEndpoint(c.Ns, IPAddress.Loopback, "eth0") : new LabEndpoint(labNodes[0].Namespace, IPAddress.Loopback, "eth0");
        var server = serverPod is { } s ? new LabEndpoint(s.Ns, IPAddress.Loopback, "eth0") : new LabEndpoint(labNodes[^1].Namespace, IPAddress.Loopback, "eth0");
        return new LabPath(Datapath.Vxlan, LabPathStatus.Ready, null, DatapathImplementation.Kernel, null, 1500, 1450, null, false,
            labNodes, pods, client, server, [], [], null);
    }

    /// <summary>At the start of the given repetition of the given path (the first cell has steered by then) reads every
    /// non-zero rps_cpus in the lab's namespaces; over that cell, each CPU's received_rps and NET_RX.</summary>
    private sealed class SteeringWatch(string lab, int rep, string path) : IRunProgress
    {
        private IReadOnlyList<SoftnetCpuCounters>? _softnet;
        private SoftirqSnapshot? _softirqs;

        public HashSet<string>? Held { get; private set; }

        public int Queues { get; private set; }

        public long[]? ReceivedRps { get; private set; }

        public ulong[]? NetRx { get; private set; }

        public void Phase(string message)
        {
        }

        public void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining)
        {
            if (cell.Rep != rep || cell.Path != path)
                return;
            Held = [];
            foreach (var netns in NetworkNamespace.List().Where(n => n.StartsWith(LabNaming.Prefix(lab), StringComparison.Ordinal)))
            {
                using var rtnl = RtnetlinkClient.Open(netns);
                var devices = rtnl.Links().Select(l => l.Name).Where(n => n != "lo").ToList();
                foreach (var queue in ReceivePacketSteering.Read(netns, devices))
                {
                    Queues++;
                    if (!queue.IsOff)
                        Held.Add($"{netns}/{queue.Interface}/{queue.Queue}={string.Join(',', RpsMask.Cpus(queue.Mask))}");
                }
            }
            _softnet = SoftnetStatParser.Parse(File.ReadAllText("/proc/net/softnet_stat"));
            _softirqs = SoftirqsParser.Parse(File.ReadAllText("/proc/softirqs"));
        }

        public void CellFinished(CellResult result, int index, int total)
        {
            if (result.Rep != rep || result.Path != path || _softnet is null)
                return;
            var softnet = SoftnetStatParser.Parse(File.ReadAllText("/proc/net/softnet_stat"));
            ReceivedRps = softnet.Select((row, i) => row.ReceivedRps - _softnet[i].ReceivedRps).ToArray();
            var before = _softirqs!.PerCpu(SoftirqSnapshot.NetRx);
            NetRx = SoftirqsParser.Parse(File.ReadAllText("/proc/softirqs")).PerCpu(SoftirqSnapshot.NetRx).Select((n, i) => n - before[i]).ToArray();
        }
    }
}
