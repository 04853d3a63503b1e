using System.Diagnostics;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>
/// A WireGuard interface carried by <c>wireguard-go</c> (the userspace implementation, used where the kernel has no
/// <c>wireguard</c> module): the program runs in the foreground inside the node's namespace, where it creates its
/// TUN device and UDP socket, and is configured over its UAPI socket. Dispose stops it (SIGTERM, then SIGKILL),
/// which removes the interface; the UAPI socket is removed too if the program left it.
/// </summary>
public sealed class WireguardGoDevice : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private bool _stopped;

    private WireguardGoDevice(Process process, string netns, string ifName, int listenPort, string logPath)
    {
        _process = process;
        Netns = netns;
        InterfaceName = ifName;
        ListenPort = listenPort;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public string Netns { get; }

    public string InterfaceName { get; }

    public int ListenPort { get; }

    public string UapiSocketPath => WireguardUapiClient.SocketPath(InterfaceName);

    /// <summary>Where wireguard-go's own output goes (errors only); removed on stop.</summary>
    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts wireguard-go for interface <paramref name="ifName"/> inside <paramref name="netns"/>, gives it
    /// <paramref name="keyPair"/>, <paramref name="listenPort"/> and exactly <paramref name="peers"/>, then sets the
    /// interface's MTU (null: wireguard-go's own 1420) and <paramref name="address"/> and brings it up through
    /// <paramref name="netlink"/> (a client in <paramref name="netns"/>; null: one opened for the call). Routes are
    /// the caller's. <paramref name="ifName"/> must be unique on the host. <paramref name="started"/> is called with
    /// the pid as soon as the program runs, before it is ready, so a caller can record it.
    /// </summary>
    public static async Task<WireguardGoDevice> StartAsync(string netns, string ifName, X25519KeyPair keyPair, int listenPort,
        IReadOnlyList<WireguardPeer> peers, int? mtu = null, InterfaceAddress? address = null,
        RtnetlinkClient? netlink = null, string? wireguardGoPath = null, Action<int>? started = null,
        CancellationToken cancellationToken = default)
    {
        WireguardInterfaceName.Validate(ifName);
        NetworkNamespace.Validate(netns);
        if (listenPort is < 1 or > 65535)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"listen port {listenPort} is outside 1..65535");
        var request = WireguardUapiText.FormatSet(keyPair, listenPort, peers); // checks peer keys before starting anything
        var program = wireguardGoPath ?? ProgramPath.Find(TunnelCapabilities.WireguardGoProgram)
            ?? throw new PerfSuiteException(ErrorReason.NotSupported,
                $"'{TunnelCapabilities.WireguardGoProgram}' is not on PATH (Debian package wireguard-go)");
        var socketPath = WireguardUapiClient.SocketPath(ifName);
        if (WireguardUapiClient.IsListening(socketPath))
            throw new PerfSuiteException(ErrorReason.Busy,
                $"a WireGuard implementation already serves interface '{ifName}' ({socketPath}); interface names must be unique on the host");
        if (File.Exists(socketPath))
            File.Delete(socketPath); // stale: its program died without removing it
        var logPath = CreateLog(ifName);
        var process = NetworkNamespace.StartProcess(netns, StartInfo(program, ifName, logPath));
        var device = new WireguardGoDevice(process, netns, ifName, listenPort, logPath);
        try
        {
            started?.Invoke(process.Id);
            await device.WaitForSocketAsync(cancellationToken);
            WireguardUapiClient.Set(socketPath, request);
            TunnelLinkSetup.Configure(netns, netlink, ifName, mtu, address);
            return device;
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the empty log of <paramref name="ifName"/> in <see cref="LabPaths.WireguardGoLogDirectory"/>
    /// (made 0700 when missing, refused when it is a link or others can write it), exclusively (O_CREAT|O_EXCL, which
    /// follows no link), mode 0600; the shell then only appends to that very file.</summary>
    internal static string CreateLog(string ifName)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("wireguard-go devices are Linux only");
        var directory = LabPaths.WireguardGoLogDirectory;
        var info = Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (info.LinkTarget is not null
            || (info.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new PerfSuiteException(ErrorReason.PermissionDenied,
                $"{directory} is a symbolic link or writable by others; remove it (PerfSuite makes it root-only)");
        var path = Path.Combine(directory, LogFileName(ifName));
        File.Delete(path); // a dead run's log (or a link someone put there): removed, never followed
        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Busy, $"cannot create wireguard-go's log {path}: {e.Message}");
        }
        return path;
    }

    /// <summary>The name of the file in <see cref="LabPaths.WireguardGoLogDirectory"/> that takes wireguard-go's output for
    /// <paramref name="ifName"/> (a pattern when given one with <c>*</c>, for removing what a crashed run left).</summary>
    public static string LogFileName(string ifName) => $"perfsuite-wireguard-go-{ifName}.log";

    /// <summary>The arguments of a running wireguard-go for <paramref name="ifName"/> in /proc/PID/cmdline (after the
    /// program path), for <see cref="RemoveStaleAsync"/>.</summary>
    public static IReadOnlyList<string> CommandLineTokens(string ifName) => ["-f", ifName];

    /// <summary>
    /// Cleans up after a run that died without stopping its device (kill -9): terminates <paramref name="recordedPid"/>
    /// if it is still wireguard-go for <paramref name="ifName"/>, and removes the UAPI socket if nothing serves it.
    /// Returns true when something was removed.
    /// </summary>
    public static async Task<bool> RemoveStaleAsync(string ifName, int? recordedPid)
    {
        WireguardInterfaceName.Validate(ifName);
        var removed = false;
        if (recordedPid is { } pid && ProcessTermination.CommandLine(pid) is { Count: 3 } arguments &&
            Path.GetFileName(arguments[0]) == TunnelCapabilities.WireguardGoProgram &&
            arguments.Skip(1).SequenceEqual(CommandLineTokens(ifName)))
            removed = await ProcessTermination.TerminateAsync(pid, CommandLineTokens(ifName), ProcessTermination.DefaultGrace);
        var socketPath = WireguardUapiClient.SocketPath(ifName);
        if (File.Exists(socketPath) && !WireguardUapiClient.IsListening(socketPath))
        {
            File.Delete(socketPath);
            removed = true;
        }
        return removed;
    }

    /// <summary>Replaces the peers (and key and port) of the running interface.</summary>
    public void Configure(X25519KeyPair keyPair, int listenPort, IReadOnlyList<WireguardPeer> peers) =>
        WireguardUapiClient.Set(UapiSocketPath, WireguardUapiText.FormatSet(keyPair, listenPort, peers));

    /// <summary>The interface's configuration and per-peer handshake and byte counters, read over the UAPI.</summary>
    public WireguardDeviceStatus ReadStatus() => WireguardUapiClient.Get(UapiSocketPath);

    /// <summary>Stops wireguard-go (SIGTERM, SIGKILL after a grace period), waits for it, and removes its socket and
    /// log. Returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await ProcessTermination.TerminateAsync(_process, ProcessTermination.DefaultGrace);
            if (File.Exists(UapiSocketPath) && !WireguardUapiClient.IsListening(UapiSocketPath))
                File.Delete(UapiSocketPath);
            File.Delete(LogPath);
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>
    /// wireguard-go writes its log to stdout and stderr. Pipes to this process would kill it with SIGPIPE once this
    /// process is gone (a Go program dies on EPIPE on fd 1 or 2), and the lab outlives <c>lab up</c>; so a shell
    /// points them at a file and then execs the program, keeping the pid.
    /// </summary>
    private static ProcessStartInfo StartInfo(string program, string ifName, string logPath)
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec \"$@\" </dev/null >>\"$0\" 2>&1", logPath, program, "-f", ifName])
            psi.ArgumentList.Add(argument);
        // -f already keeps it in the foreground; the variable makes that hold for versions that re-exec themselves.
        psi.Environment["WG_PROCESS_FOREGROUND"] = "1";
        psi.Environment["LOG_LEVEL"] = "error";
        return psi;
    }

    private async Task WaitForSocketAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!WireguardUapiClient.IsListening(UapiSocketPath))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None);
                throw new PerfSuiteException(ErrorReason.Failed,
                    $"wireguard-go for '{InterfaceName}' in '{Netns}' exited with code {_process.ExitCode}: {LastLogLine()}");
            }
            if (deadline.Elapsed > ReadyTimeout)
                throw new PerfSuiteException(ErrorReason.Timeout,
                    $"wireguard-go for '{InterfaceName}' in '{Netns}' did not open {UapiSocketPath} within {ReadyTimeout.TotalSeconds:0} s");
            await Task.Delay(20, cancellationToken);
        }
    }

    private string LastLogLine()
    {
        try
        {
            var lines = File.ReadAllLines(LogPath).Where(l => !string.IsNullOrWhiteSpace(l) && !l.Contains('│') && !l.Contains('─')).ToList();
            return lines.Count > 0 ? lines[^1].Trim() : "no message";
        }
        catch (IOException)
        {
            return "no message";
        }
    }
}
