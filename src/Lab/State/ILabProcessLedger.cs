namespace PerfSuite.Lab.State;

/// <summary>Where a lab's processes are written down, so that <c>lab down</c>, <c>lab clean</c> and the next lab start
/// stop them even when the process that started them died first. Whoever starts a process for a lab records it the
/// moment its pid exists (an agent's <c>started</c> callback), before it is ready, and forgets it once stopped.</summary>
public interface ILabProcessLedger
{
    /// <summary>Records <paramref name="pid"/> with its start time (so a reused pid is never taken for it); nothing when
    /// the process is already gone, and nothing new when it is already recorded.</summary>
    void Record(int pid, string netns, string description);

    /// <summary>Removes a process <see cref="Record"/> added, once it has been stopped.</summary>
    void Forget(int pid);
}
