using System.Net;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab;

/// <summary>One node of a path's cluster: a namespace with the underlay device, the pod bridge and its pod CIDR.</summary>
public sealed record LabNode(
    int Number,
    string Namespace,
    IPAddress UnderlayAddress,
    IPNetwork PodCidr,
    IPAddress Gateway,
    string UnderlayDevice = LabNaming.UnderlayDevice,
    string Bridge = LabNaming.Bridge);
