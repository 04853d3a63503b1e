using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>USER_HZ: the tick rate /proc/stat and /proc/PID/stat count in. Almost always 100, but read from
/// sysconf(_SC_CLK_TCK) rather than assumed, as the kernel ABI promises only that this call reports it.</summary>
public static class ClockTicks
{
    private static readonly Lazy<long> Value = new(Read);

    public static long PerSecond => Value.Value;

    private static long Read()
    {
        var hz = Interop.sysconf(Interop._SC_CLK_TCK);
        if (hz <= 0)
            throw new PerfSuiteException(ErrorReason.NotSupported, "sysconf(_SC_CLK_TCK) did not report USER_HZ");
        return hz;
    }
}
