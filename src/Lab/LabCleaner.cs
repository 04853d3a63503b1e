using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab;

/// <summary>
/// Removes labs: the processes recorded in their state (by pid and start time, so a reused pid is left alone),
/// every namespace named <c>ps-LAB-…</c> (recorded or not: a crash between creating a namespace and recording it
/// cannot happen, but a lost state document can), the WireGuard UAPI sockets (and wireguard-go output files) of their interfaces, and the state.
/// </summary>
public sealed class LabCleaner(LabStateStore store)
{
    public static LabCleaner Default { get; } = new(LabStateStore.Default);

    /// <summary>How long a lab process gets between SIGTERM and SIGKILL.</summary>
    public static readonly TimeSpan ProcessGrace = TimeSpan.FromSeconds(1);

    public LabStateStore Store { get; } = store;

    /// <summary>Removes lab <paramref name="name"/> whatever its state; false when nothing of it existed.</summary>
    public bool Remove(string name) => Remove(name, keepLockFile: false);

    /// <summary><see cref="Remove(string)"/>; with <paramref name="keepLockFile"/> the lock file stays, for a holder
    /// that clears an old lab of its name and goes on to build under the same lock.</summary>
    internal bool Remove(string name, bool keepLockFile)
    {
        LabNaming.Validate(name);
        // The owner removing its own lab holds the lock already; anyone else takes it, so a lab being built or run
        // by a live process is never pulled from under it.
        using var taken = LabLock.IsHeldHere(Store, name) ? null : LabLock.Take(Store, name);
        return RemoveLocked(name, keepLockFile);
    }

    private bool RemoveLocked(string name, bool keepLockFile = false)
    {
        var state = Store.Load(name);
        foreach (var process in state?.Processes ?? [])
            ProcessTermination.Terminate(new ProcessIdentity(process.Pid, process.StartTime), ProcessGrace);
        var prefix = LabNaming.Prefix(name);
        var namespaces = NetworkNamespace.List().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Concat(state?.Namespaces ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var netns in namespaces)
            NetworkNamespace.Delete(netns, ignoreMissing: true);
        // Lab WireGuard devices are named ps-LAB-… (LabNaming.HostUniqueInterface), so their sockets share the prefix.
        var sockets = RemoveWireguardSockets(prefix);
        RemoveWireguardLogs(prefix);
        var hadState = File.Exists(Store.PathOf(name));
        if (hadState)
            Store.Delete(name);
        // Under the lock still: the lab is gone, and so is its lock file (LabLock says why that is safe).
        if (!keepLockFile && LabLock.IsHeldHere(Store, name))
            LabLock.DeleteFile(Store, name);
        return hadState || namespaces.Count > 0 || sockets > 0;
    }

    /// <summary>Labs left by runs that died: the owner is gone and the lab was not a finished
    /// <c>lab up</c> (which is meant to outlive it). Returns the names removed.</summary>
    public IReadOnlyList<string> RemoveStale() => RemoveWhere(IsStale);

    /// <summary><c>perfsuite lab clean</c>: every lab except those a live process other than this one owns (a
    /// benchmark run using its lab right now). Returns the names removed.</summary>
    public IReadOnlyList<string> RemoveUnused() => RemoveWhere(state => !IsInUseElsewhere(state));

    /// <summary>Whether another live process owns the lab (it may be using it right now).</summary>
    public static bool IsInUseElsewhere(LabState state) =>
        state.OwnerPid != Environment.ProcessId && new ProcessIdentity(state.OwnerPid, state.OwnerStartTime).IsAlive;

    public static bool IsStale(LabState state) =>
        !new ProcessIdentity(state.OwnerPid, state.OwnerStartTime).IsAlive && !(state.Persistent && state.Complete);

    private List<string> RemoveWhere(Func<LabState, bool> predicate)
    {
        var removed = new List<string>();
        foreach (var name in Store.Names())
        {
            if (!IsPlainName(name))
                continue;
            // Decided under the lab's lock: a lab another process holds is in use, whatever its state says.
            using var taken = LabLock.TryTake(Store, name);
            if (taken is null)
                continue;
            var state = Store.Load(name);
            // An unreadable document is a lab cut short while its state was first written: remove it.
            if ((state is null || predicate(state)) && RemoveLocked(name))
                removed.Add(name);
        }
        return removed;
    }

    private static bool IsPlainName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>wireguard-go's output files: its device removes its own when stopped in-process, but a lab taken down
    /// from another process (<c>lab down</c>) or left by a crash only has them removed here.</summary>
    private static void RemoveWireguardLogs(string prefix)
    {
        if (!Directory.Exists(LabPaths.WireguardGoLogDirectory))
            return;
        foreach (var log in Directory.EnumerateFiles(LabPaths.WireguardGoLogDirectory, WireguardGoDevice.LogFileName(prefix + "*")))
            File.Delete(log);
    }

    private static int RemoveWireguardSockets(string prefix)
    {
        if (!Directory.Exists(LabPaths.WireguardSocketDirectory))
            return 0;
        var count = 0;
        foreach (var socket in Directory.EnumerateFiles(LabPaths.WireguardSocketDirectory, prefix + "*.sock"))
        {
            File.Delete(socket);
            count++;
        }
        return count;
    }
}
