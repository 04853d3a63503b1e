using System.Globalization;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Processes;

/// <summary>CPU placement of a process with sched_setaffinity(2). The call acts on one thread, so placing a running
/// process sets every thread listed under <c>/proc/PID/task</c>; threads it creates later inherit the mask of the
/// thread that creates them.</summary>
public static class ProcessAffinity
{
    /// <summary>Pins every thread of <paramref name="pid"/> to <paramref name="cpus"/>. A thread that exits meanwhile
    /// is skipped; a CPU that is offline or outside the process's cpuset fails with the kernel's EINVAL.</summary>
    public static void Pin(int pid, IReadOnlyCollection<int> cpus)
    {
        var mask = Mask(cpus);
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories(SystemPaths.ProcPidTasks(pid));
        }
        catch (DirectoryNotFoundException e)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"no process {pid}", e);
        }
        foreach (var task in tasks)
        {
            var tid = int.Parse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture);
            try
            {
                Interop.SetAffinity(tid, mask, $"sched_setaffinity(thread {tid} of process {pid}, CPUs {Format(cpus)})");
            }
            catch (ErrnoException e) when (e.Errno == LinuxErrno.ESRCH)
            {
                // The thread ended between the listing and the call: nothing to place.
            }
        }
    }

    /// <summary>The CPUs thread (or process) <paramref name="tid"/> may run on; 0 is the calling thread.</summary>
    public static IReadOnlyList<int> Of(int tid)
    {
        Span<byte> mask = stackalloc byte[Interop.CpuSetBytes];
        Interop.GetAffinity(tid, mask, $"sched_getaffinity({tid})");
        var cpus = new List<int>();
        for (var cpu = 0; cpu < mask.Length * 8; cpu++)
        {
            if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0)
                cpus.Add(cpu);
        }
        return cpus;
    }

    /// <summary>"0", "0,1": a CPU list as the command line and results write it.</summary>
    public static string Format(IEnumerable<int> cpus) => string.Join(',', cpus.Order());

    private static byte[] Mask(IReadOnlyCollection<int> cpus)
    {
        if (cpus.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "a CPU placement needs at least one CPU");
        var mask = new byte[Interop.CpuSetBytes];
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= mask.Length * 8)
                throw new PerfSuiteException(ErrorReason.InvalidArgument, $"CPU {cpu} is outside 0..{mask.Length * 8 - 1}");
            mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        }
        return mask;
    }
}
