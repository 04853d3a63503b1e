namespace PerfSuite.Model.Results;

/// <summary>One host's CPU over the measurement window, in remote mode where sender and receiver each sample
/// their own /proc/stat.</summary>
public sealed record EndpointCpu(
    double BusyCores,
    CpuByCategory CpuByCategory,
    long? SoftirqNetRx = null,
    long? SoftirqNetTx = null,
    double? CoreSecondsPerGbit = null,
    CpuAccounting? CpuAccounting = null);
