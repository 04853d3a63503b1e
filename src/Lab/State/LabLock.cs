using System.Collections.Concurrent;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.State;

/// <summary>
/// The lock of one lab name: an exclusive flock(2) on <c>NAME.lock</c> beside the lab's state (FileShare.None takes
/// it on Linux), held by the process that builds, runs on or removes the lab. Checking a lab's state and acting on it
/// happen under it, so two invocations can neither build the same lab nor remove each other's fresh one. The kernel
/// drops the lock when its holder dies, even by SIGKILL, so a dead run's lock is simply taken over. When a lab is
/// removed its holder deletes the file while it still holds it (<see cref="DeleteFile"/>); so that two processes can
/// never hold locks on two different files of one name, a taker checks after locking that the name still leads to the
/// file it locked, and starts again when it does not.
/// </summary>
public sealed class LabLock : IDisposable
{
    /// <summary>Names this process holds: a second flock of the same file from the same process would conflict with
    /// the first, so the holder's own cleanup asks here first.</summary>
    private static readonly ConcurrentDictionary<string, LabLock> HeldHere = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly string _key;

    private LabLock(FileStream file, string key, string name)
    {
        _file = file;
        _key = key;
        Name = name;
    }

    public string Name { get; }

    public static string PathOf(LabStateStore store, string name) => Path.Combine(store.Directory, name + ".lock");

    /// <summary>Takes the lock of <paramref name="name"/>; null when another process (or another holder in this one)
    /// has it.</summary>
    public static LabLock? TryTake(LabStateStore store, string name)
    {
        var path = PathOf(store, name);
        var key = Path.GetFullPath(path);
        if (HeldHere.ContainsKey(key))
            return null;
        Directory.CreateDirectory(store.Directory);
        FileStream? file = null;
        // A holder removing its lab deletes the file before it lets go; whoever locked that deleted file meanwhile
        // holds nothing and tries the name again. Bounded: each retry means another process just removed the lab.
        for (var attempt = 0; attempt < 100 && file is null; attempt++)
        {
            FileStream opened;
            try
            {
                opened = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                return null; // EWOULDBLOCK from flock: a live process holds it
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PerfSuiteException(ErrorReason.Io, $"cannot lock lab '{name}' ({path}): {e.Message}");
            }
            if (FileKind.IsSameFile(opened.SafeFileHandle, path))
                file = opened;
            else
                opened.Dispose();
        }
        if (file is null)
            return null;
        var taken = new LabLock(file, key, name);
        if (!HeldHere.TryAdd(key, taken))
        {
            file.Dispose();
            return null;
        }
        return taken;
    }

    /// <summary><see cref="TryTake"/>, or a Busy error naming the lab.</summary>
    public static LabLock Take(LabStateStore store, string name) =>
        TryTake(store, name) ?? throw new PerfSuiteException(ErrorReason.Busy,
            $"lab '{name}' is busy: another PerfSuite process is building, running on or removing it; wait for it or choose another --name");

    /// <summary>Deletes the lock file of <paramref name="name"/>, which this process must hold (its lab is being
    /// removed): the lock stays held until released, and a later taker creates a new file.</summary>
    public static void DeleteFile(LabStateStore store, string name)
    {
        if (!IsHeldHere(store, name))
            throw new InvalidOperationException($"the lock of lab '{name}' is not held by this process");
        File.Delete(PathOf(store, name));
    }

    /// <summary>True when this process holds the lock of <paramref name="name"/>.</summary>
    public static bool IsHeldHere(LabStateStore store, string name) => HeldHere.ContainsKey(Path.GetFullPath(PathOf(store, name)));

    public void Dispose()
    {
        if (HeldHere.TryRemove(new KeyValuePair<string, LabLock>(_key, this)))
            _file.Dispose();
    }
}
