using PerfSuite.Model.Probe;

namespace PerfSuite.Report.Compare;

/// <summary>One interface of an <see cref="EthtoolDump"/>.</summary>
/// <param name="Name">The interface name from "Features for NAME:".</param>
/// <param name="Line">The line of that header, counted from 1.</param>
/// <param name="Driver">From the <c>ethtool -i</c> block right above, if there is one. ethtool -i shows only
/// whether the statistics, test, EEPROM, register-dump and private-flag counts are non-zero, so a "yes" is
/// recorded as a count of 1.</param>
/// <param name="Features">In the order the dump lists them (ethtool's group order, then the rest in kernel order).
/// A "[fixed]" feature is recorded as not available and not requested (the kernel keeps wanted features within
/// the changeable ones); the never-change bits are recognised by name.</param>
/// <param name="Notes">ethtool's own complaints saved with the dump ("Cannot get driver information: ...").</param>
public sealed record EthtoolDumpInterface(
    string Name,
    int Line,
    DriverInfo? Driver,
    IReadOnlyList<FeatureState> Features,
    IReadOnlyList<string> Notes);
