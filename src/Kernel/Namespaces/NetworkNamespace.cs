using System.Diagnostics;
using System.Runtime.ExceptionServices;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Namespaces;

/// <summary>
/// Named network namespaces, compatible with <c>ip netns</c>: each is a bind mount of a namespace file at
/// <c>/run/netns/NAME</c>. Code runs inside one on a dedicated thread that entered it, so the rest of the
/// process (and the thread pool) never changes namespace. Sockets created inside stay bound to that namespace
/// whichever thread uses them later, and a process started from inside is born there.
/// </summary>
public static class NetworkNamespace
{
    public const string RunDirectory = "/run/netns";

    private const string SysfsMountPoint = "/sys";

    /// <summary>How the caller's own namespace is named in messages.</summary>
    public const string HostName = "host";

    public static string PathOf(string name)
    {
        Validate(name);
        return Path.Combine(RunDirectory, name);
    }

    public static bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>The names registered under /run/netns, sorted.</summary>
    public static IReadOnlyList<string> List() =>
        Directory.Exists(RunDirectory)
            ? Directory.GetFiles(RunDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Runs <paramref name="body"/> inside namespace <paramref name="name"/>; null means the caller's
    /// own namespace and runs it inline.</summary>
    public static T Run<T>(string? name, Func<T> body)
    {
        if (name is null)
            return body();
        var path = PathOf(name);
        if (!File.Exists(path))
            throw new PerfSuiteException(ErrorReason.NotFound, $"no network namespace '{name}' (see `ip netns list`)");
        return OnDedicatedThread($"netns {name}", () =>
        {
            Interop.EnterNetworkNamespace(path, name);
            return body();
        });
    }

    /// <summary>Runs <paramref name="body"/> inside namespace <paramref name="name"/> with a sysfs that shows that
    /// namespace's devices at /sys, as <c>ip netns exec</c> arranges: sysfs answers for the namespace it was mounted
    /// from, so the thread gets a private mount namespace and a fresh sysfs mount, both gone when the body ends.
    /// Null runs inline against the caller's own /sys.</summary>
    public static T RunWithOwnSysfs<T>(string? name, Func<T> body)
    {
        if (name is null)
            return body();
        return Run(name, () =>
        {
            Interop.UnshareMountNamespace($"the sysfs of network namespace '{name}'");
            _ = Interop.UnmountDetach(SysfsMountPoint); // EINVAL when nothing is mounted there
            var errno = Interop.Mount(name, SysfsMountPoint, "sysfs", 0);
            if (errno != 0)
                throw Interop.SystemCallFailure(errno, $"mounting sysfs for network namespace '{name}'", "CAP_SYS_ADMIN");
            return body();
        });
    }

    public static void Run(string? name, Action body) => Run<object?>(name, () =>
    {
        body();
        return null;
    });

    /// <summary>Starts a process inside the namespace: it is forked from a thread that entered it.</summary>
    public static Process StartProcess(string? name, ProcessStartInfo startInfo) =>
        Run(name, () => Process.Start(startInfo)
            ?? throw new PerfSuiteException(ErrorReason.Failed, $"could not start {startInfo.FileName}"));

    /// <summary>Creates <paramref name="name"/> as <c>ip netns add</c> does. Its loopback is down, as there.</summary>
    public static void Create(string name)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(RunDirectory);
        MakeRunDirectoryShared();
        try
        {
            Interop.CreateEmptyFile(path, $"creating network namespace '{name}'");
        }
        catch (ErrnoException e) when (e.Errno == LinuxErrno.EEXIST)
        {
            throw new PerfSuiteException(ErrorReason.Busy, $"network namespace '{name}' already exists");
        }
        try
        {
            OnDedicatedThread<object?>($"netns create {name}", () =>
            {
                Interop.UnshareNetworkNamespace(name);
                var errno = Interop.Mount("/proc/thread-self/ns/net", path, "none", Interop.MS_BIND);
                if (errno != 0)
                    throw Interop.SystemCallFailure(errno, $"binding network namespace '{name}' to {path}", "CAP_SYS_ADMIN");
                return null;
            });
        }
        catch
        {
            _ = Interop.Unlink(path);
            throw;
        }
    }

    /// <summary>Deletes <paramref name="name"/> as <c>ip netns delete</c> does. The namespace itself ends when
    /// the last process and socket in it are gone.</summary>
    public static void Delete(string name, bool ignoreMissing = false)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            if (ignoreMissing)
                return;
            throw new PerfSuiteException(ErrorReason.NotFound, $"no network namespace '{name}'");
        }
        _ = Interop.UnmountDetach(path); // EINVAL when a crashed creation left the file unmounted
        var errno = Interop.Unlink(path);
        if (errno != 0 && errno != LinuxErrno.ENOENT)
            throw Interop.SystemCallFailure(errno, $"deleting network namespace '{name}'", "CAP_SYS_ADMIN");
    }

    /// <summary>Namespace names become file names and interface-name prefixes: keep them plain.</summary>
    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.Length > 64 ||
            name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"'{name}' is not a valid network namespace name (letters, digits, '-', '_', '.'; at most 64)");
    }

    /// <summary>iproute2's netns_add: mounts under /run/netns must propagate, so the directory is made a
    /// shared mount, bind-mounting it onto itself first when it is not a mount point yet (EINVAL).</summary>
    private static void MakeRunDirectoryShared()
    {
        var errno = Interop.Mount("", RunDirectory, "none", Interop.MS_SHARED | Interop.MS_REC);
        if (errno == LinuxErrno.EINVAL)
        {
            errno = Interop.Mount(RunDirectory, RunDirectory, "none", Interop.MS_BIND | Interop.MS_REC);
            if (errno == 0)
                errno = Interop.Mount("", RunDirectory, "none", Interop.MS_SHARED | Interop.MS_REC);
        }
        if (errno != 0)
            throw Interop.SystemCallFailure(errno, $"preparing {RunDirectory}", "CAP_SYS_ADMIN");
    }

    private static T OnDedicatedThread<T>(string threadName, Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        // A fresh thread that ends with the body: a thread that changed namespace must never go back to a pool.
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = threadName,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
