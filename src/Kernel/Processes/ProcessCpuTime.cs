namespace PerfSuite.Kernel.Processes;

/// <summary>CPU time a process has used so far, user and system, in seconds; with context switches when the source
/// reports them (getrusage does, /proc/PID/stat does not).</summary>
public readonly record struct ProcessCpuTime(double UserSeconds, double SystemSeconds, long VoluntarySwitches, long InvoluntarySwitches)
{
    public double TotalSeconds => UserSeconds + SystemSeconds;
}
