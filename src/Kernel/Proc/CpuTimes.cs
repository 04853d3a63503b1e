namespace PerfSuite.Kernel.Proc;

/// <summary>The ten time columns of a <c>/proc/stat</c> cpu line, in USER_HZ ticks (proc(5)). Kernels older than
/// 2.6.33 print fewer columns; the missing ones are zero.</summary>
public readonly record struct CpuTimes(
    ulong User, ulong Nice, ulong System, ulong Idle, ulong Iowait,
    ulong Irq, ulong Softirq, ulong Steal, ulong Guest, ulong GuestNice)
{
    /// <summary>Time this system's CPU did work. Guest and guest_nice are left out because the kernel already counts
    /// them inside user and nice (account_guest_time), iowait is idle time, and steal is time the hypervisor ran
    /// someone else on this virtual CPU: not this system's work, so never busy (it is in <see cref="Total"/>).</summary>
    public ulong Busy => User + Nice + System + Irq + Softirq;

    /// <summary>Every tick the categories account for, busy or not: busy + steal + idle + iowait (guest excluded for
    /// the same reason as in <see cref="Busy"/>). On a perfect clock this is CPUs × window; see
    /// <c>CpuAccounting.AccountedFraction</c> in the results model.</summary>
    public ulong Total => Busy + Steal + Idle + Iowait;

    /// <summary>The ticks spent since <paramref name="earlier"/>, per column. A column that went backwards counts as
    /// zero: per-CPU iowait and idle can decrease on NO_HZ kernels (a known accounting quirk,
    /// Documentation/filesystems/proc.rst), and a delta must never wrap to 2^64.</summary>
    public CpuTimes Since(CpuTimes earlier) => new(
        Sub(User, earlier.User), Sub(Nice, earlier.Nice), Sub(System, earlier.System), Sub(Idle, earlier.Idle),
        Sub(Iowait, earlier.Iowait), Sub(Irq, earlier.Irq), Sub(Softirq, earlier.Softirq), Sub(Steal, earlier.Steal),
        Sub(Guest, earlier.Guest), Sub(GuestNice, earlier.GuestNice));

    public static CpuTimes operator +(CpuTimes a, CpuTimes b) => new(
        a.User + b.User, a.Nice + b.Nice, a.System + b.System, a.Idle + b.Idle, a.Iowait + b.Iowait,
        a.Irq + b.Irq, a.Softirq + b.Softirq, a.Steal + b.Steal, a.Guest + b.Guest, a.GuestNice + b.GuestNice);

    private static ulong Sub(ulong later, ulong earlier) => later >= earlier ? later - earlier : 0;
}
