using System.Net;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab;

/// <summary>One pod: a namespace whose <see cref="Device"/> is a veth to its node's bridge (<see cref="HostVeth"/>
/// on the node).</summary>
public sealed record LabPod(int Node, int Number, string Namespace, IPAddress Address, string HostVeth, string Device = LabNaming.PodDevice);
