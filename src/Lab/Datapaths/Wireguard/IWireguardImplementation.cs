using PerfSuite.Lab.Datapaths.Stacked;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>
/// What carries a WireGuard device in the lab: the kernel module (<see cref="KernelWireguardImplementation"/>) or
/// wireguard-go (<see cref="WireguardGoImplementation"/>). The WireGuard paths (<see cref="WireguardDatapathBuilder"/>,
/// <see cref="VxlanWireguardDatapathBuilder"/>) are built the same way over either; the catalog lists each path once
/// per implementation, kernel first.
/// </summary>
public interface IWireguardImplementation
{
    DatapathImplementation Impl { get; }

    /// <summary>What it is, for the path's description ("wireguard-go over its UAPI socket").</summary>
    string Description { get; }

    /// <summary>Why it cannot work on this host, when that is known without building anything; null when it can try.</summary>
    string? SkipReason();

    /// <summary>Creates, configures and brings up <paramref name="device"/> on <paramref name="node"/>; what it starts is
    /// handed to the lab. Throws <c>KernelModuleMissingException</c> or <see cref="DatapathUnavailableException"/> when
    /// this host cannot carry it after all.</summary>
    Task CreateAsync(DatapathBuildContext context, LabNode node, WireguardDeviceSpec device);
}
