using System.Diagnostics;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Reads <c>/proc/stat</c> and <c>/proc/softirqs</c> at a window edge. Both files are read before either is
/// parsed, so the two readings are as close in time as the kernel allows.</summary>
public sealed class ProcStatSampler(string statPath = SystemPaths.ProcStat, string softirqsPath = SystemPaths.ProcSoftirqs)
{
    public HostCpuSample Sample()
    {
        var timestamp = Stopwatch.GetTimestamp();
        var stat = Read(statPath);
        var softirqs = Read(softirqsPath);
        return new HostCpuSample(timestamp, ProcStatParser.Parse(stat), SoftirqsParser.Parse(softirqs));
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
