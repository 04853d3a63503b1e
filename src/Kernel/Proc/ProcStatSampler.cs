using System.Diagnostics;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Reads <c>/proc/stat</c> and <c>/proc/softirqs</c> at a window edge. The clock is read just before and
/// just after <c>/proc/stat</c>, and the sample is stamped with the midpoint, so a window's length is the time between
/// the two readings rather than between the starts of two reads that may take different time. A read that took longer
/// than <see cref="MaxReadTicks"/> (the reader was descheduled in the middle of it, and the counters could belong to
/// any instant inside) is done again, up to <see cref="Attempts"/> times; the sample keeps the span of the read it
/// used. Both files are read before either is parsed, so the two readings are as close in time as the kernel allows.</summary>
/// <param name="statPath">The /proc/stat to read.</param>
/// <param name="softirqsPath">The /proc/softirqs to read.</param>
/// <param name="clock">The <see cref="Stopwatch"/> timestamp source; tests give their own.</param>
public sealed class ProcStatSampler(string statPath = SystemPaths.ProcStat, string softirqsPath = SystemPaths.ProcSoftirqs,
    Func<long>? clock = null)
{
    /// <summary>How many times a slow read of /proc/stat is tried before the last one is kept.</summary>
    public const int Attempts = 3;

    /// <summary>1 ms in <see cref="Stopwatch"/> ticks: a read of /proc/stat on an idle 2-CPU host takes tens of
    /// microseconds, so one that took a millisecond was interrupted.</summary>
    public static readonly long MaxReadTicks = Stopwatch.Frequency / 1000;

    private readonly Func<long> _clock = clock ?? Stopwatch.GetTimestamp;

    public HostCpuSample Sample()
    {
        string stat;
        long before, after;
        var attempt = 0;
        do
        {
            before = _clock();
            stat = Read(statPath);
            after = _clock();
        }
        while (after - before > MaxReadTicks && ++attempt < Attempts);
        var softirqs = Read(softirqsPath);
        return new HostCpuSample(before + (after - before) / 2, ProcStatParser.Parse(stat), SoftirqsParser.Parse(softirqs))
        {
            ReadTicks = after - before,
        };
    }

    public static ProcessCpuTimes ReadProcess(int pid)
    {
        try
        {
            return ProcPidStatParser.Parse(File.ReadAllText(SystemPaths.ProcPidStat(pid))).CpuTimes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"no process {pid}", e);
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"cannot read {path}: {e.Message}", e);
        }
    }
}
