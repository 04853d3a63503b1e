namespace PerfSuite.Kernel.Proc;

/// <summary>
/// The fields of one <c>/proc/PID/stat</c> line (proc(5)) that this project uses, parsed once by
/// <see cref="ProcPidStatParser"/>. Field numbers are proc(5)'s. The other fields (pgrp, session, faults, priority,
/// vsize, rss, signals …) are skipped: nothing reads them.
/// </summary>
/// <param name="Pid">Field 1.</param>
/// <param name="Command">Field 2 without its parentheses: the first 15 bytes of the executable name; may contain
/// spaces and parentheses.</param>
/// <param name="State">Field 3: R, S, D, Z (zombie: exited, not yet reaped), T …</param>
/// <param name="ParentPid">Field 4.</param>
/// <param name="UserTicks">Field 14, utime, in USER_HZ ticks (guest time included).</param>
/// <param name="SystemTicks">Field 15, stime, in USER_HZ ticks.</param>
/// <param name="StartTimeTicks">Field 22, starttime: clock ticks after boot. With the pid it tells a process apart
/// from a later one that reuses the pid.</param>
public sealed record ProcPidStat(int Pid, string Command, char State, int ParentPid, ulong UserTicks, ulong SystemTicks,
    long StartTimeTicks)
{
    /// <summary>Exited but not yet reaped by its parent.</summary>
    public bool IsZombie => State == 'Z';

    public ProcessCpuTimes CpuTimes => new(UserTicks, SystemTicks);
}
