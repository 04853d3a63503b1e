namespace PerfSuite.Kernel.Processes;

/// <summary>Signals and sessions: the process calls other projects make directly.</summary>
public static class ProcessControl
{
    /// <summary>kill(2): false when the process no longer exists (ESRCH), an exception for any other failure.</summary>
    public static bool SendSignal(int pid, int signal) => Interop.SendSignal(pid, signal);

    /// <summary>setsid(2): this process leads a new session, so a signal to the group of the command that started it
    /// does not reach it.</summary>
    public static void StartNewSession() => Interop.StartNewSession();
}
