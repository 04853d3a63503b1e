using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Netlink;

/// <summary>The kernel refused a link kind it does not know (EOPNOTSUPP, "Unknown device type"): the module for
/// it is neither built in nor loadable. Datapath builders catch it to fall back to a userspace implementation.</summary>
public sealed class KernelModuleMissingException(string kind, string message) : PerfSuiteException(ErrorReason.NotSupported, message)
{
    public string Kind { get; } = kind;
}
