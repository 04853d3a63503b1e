using PerfSuite.Kernel;
using PerfSuite.Lab;
using PerfSuite.Lab.Datapaths.Ipip;
using PerfSuite.Lab.Datapaths.Routing;
using PerfSuite.Lab.Datapaths.Stacked;
using PerfSuite.Lab.Datapaths.Vxlan;
using PerfSuite.Lab.Datapaths.Wireguard;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Datapaths;

/// <summary>This host cannot run a datapath builder (a missing module or program); the lab tries the next
/// builder or reports the path skipped with this message as the reason.</summary>
public sealed class DatapathUnavailableException(string reason) : PerfSuiteException(ErrorReason.NotSupported, reason);
