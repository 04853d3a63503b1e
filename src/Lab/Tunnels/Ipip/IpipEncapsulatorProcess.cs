using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>
/// One node's userspace IP-in-IP tunnel end running as its own process, <c>perfsuite tunnel ipip</c>, born inside
/// the node's namespace: it outlives the command that started it (the lab stays up after <c>lab up</c>) and its CPU
/// time is its own (/proc/PID/stat). Dispose stops it (SIGTERM, then SIGKILL); the TUN device goes with it.
/// </summary>
public sealed class IpipEncapsulatorProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly Task<string> _remainingOutput;

    private IpipEncapsulatorProcess(Process process, StringBuilder stderr, Task<string> remainingOutput,
        IpipTunnelOptions options, IpipReadyLine ready)
    {
        _process = process;
        _stderr = stderr;
        _remainingOutput = remainingOutput;
        Options = options;
        TunMtu = ready.TunMtu;
        PathMtu = ready.PathMtu;
    }

    public int Pid => _process.Id;

    public IpipTunnelOptions Options { get; }

    /// <summary>The MTU the process set on its TUN device.</summary>
    public int TunMtu { get; }

    /// <summary>The underlay path MTU toward the peer when the process started.</summary>
    public int PathMtu { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The arguments that identify this process in /proc/PID/cmdline, for
    /// <see cref="ProcessTermination.TerminateAsync(int, IReadOnlyList{string}, TimeSpan)"/> after a crash.</summary>
    public static IReadOnlyList<string> CommandLineTokens(string netns, string tunName) =>
        ["tunnel", "ipip", "--netns", netns, "--tun", tunName];

    /// <summary>Starts the tunnel end of node namespace <paramref name="netns"/>: TUN device <paramref name="tunName"/>
    /// between <paramref name="local"/> (this node's underlay address) and <paramref name="remote"/> (the peer's), MTU
    /// <paramref name="mtu"/> (null: path MTU − 20).</summary>
    public static Task<IpipEncapsulatorProcess> StartAsync(string netns, string tunName, IPAddress local, IPAddress remote,
        int? mtu = null, CancellationToken cancellationToken = default) =>
        StartAsync(new IpipTunnelOptions(netns, tunName, local, remote, mtu), cancellationToken: cancellationToken);

    /// <summary>
    /// Starts <c>perfsuite tunnel ipip</c> inside <see cref="IpipTunnelOptions.Netns"/> and returns once it reports
    /// ready (the TUN is up with its MTU). When <paramref name="tunAddress"/> is given it is added to the TUN through
    /// <paramref name="netlink"/> (a client in the node's namespace; null: one opened for the call); routes are the
    /// caller's. <paramref name="started"/> is called with the pid as soon as the process exists, before it is ready,
    /// so a caller can record it (the lab does, for <c>lab clean</c> after a crash).
    /// </summary>
    public static async Task<IpipEncapsulatorProcess> StartAsync(IpipTunnelOptions options, InterfaceAddress? tunAddress = null,
        RtnetlinkClient? netlink = null, PerfSuiteExecutable? executable = null, Action<int>? started = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (options.Netns is null)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "the IPIP encapsulator process runs in a node namespace; none given");
        executable ??= PerfSuiteExecutable.Locate();
        var psi = new ProcessStartInfo(executable.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in executable.LeadingArguments)
            psi.ArgumentList.Add(argument);
        foreach (var argument in CommandLineTokens(options.Netns, options.TunName))
            psi.ArgumentList.Add(argument);
        psi.ArgumentList.Add("--local");
        psi.ArgumentList.Add(options.Local.ToString());
        psi.ArgumentList.Add("--remote");
        psi.ArgumentList.Add(options.Remote.ToString());
        foreach (var route in options.Routes)
        {
            psi.ArgumentList.Add("--route");
            psi.ArgumentList.Add(route.ToArgument());
        }
        if (options.TunMtu is { } mtu)
        {
            psi.ArgumentList.Add("--mtu");
            psi.ArgumentList.Add(mtu.ToString(CultureInfo.InvariantCulture));
        }
        psi.ArgumentList.Add("--new-session");
        var process = NetworkNamespace.StartProcess(options.Netns, psi);
        var stderr = new StringBuilder();
        // Drained for as long as the process lives, so it can never block on a full pipe.
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr)
            {
                if (stderr.Length < 16 * 1024)
                    stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            started?.Invoke(process.Id);
            var ready = await WaitForReadyAsync(process, stderr, options, cancellationToken);
            // Keep reading stdout for the same reason as stderr; what remains is the summary line printed at exit.
            var remainingOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var tunnel = new IpipEncapsulatorProcess(process, stderr, remainingOutput, options, ready);
            // A failure here is handled below: the process is ended and disposed once, there.
            if (tunAddress is not null)
                TunnelLinkSetup.Configure(options.Netns, netlink, options.TunName, address: tunAddress);
            return tunnel;
        }
        catch
        {
            await ProcessTermination.TerminateAsync(process, ProcessTermination.DefaultGrace);
            process.Dispose();
            throw;
        }
    }

    private static async Task<IpipReadyLine> WaitForReadyAsync(Process process, StringBuilder stderr, IpipTunnelOptions options,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None);
                    string text;
                    lock (stderr)
                    {
                        text = stderr.ToString().Trim();
                    }
                    throw new PerfSuiteException(ErrorReason.Failed,
                        $"the IPIP encapsulator for '{options.TunName}' in '{options.Netns}' exited with code {process.ExitCode}: " +
                        (text.Length > 0 ? text.Split('\n')[^1].Trim() : "no message"));
                }
                if (IpipReadyLine.TryParse(line) is { } ready)
                    return ready;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PerfSuiteException(ErrorReason.Timeout,
                $"the IPIP encapsulator for '{options.TunName}' in '{options.Netns}' did not report ready within {ReadyTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>What the process wrote on stderr so far (its error line when it failed).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Stops the process (SIGTERM, SIGKILL after <see cref="ProcessTermination.DefaultGrace"/>), waits, and
    /// returns its exit code and the summary line it printed (counters), if any.</summary>
    public async Task<(int ExitCode, string? Summary)> StopAsync()
    {
        await ProcessTermination.TerminateAsync(_process, ProcessTermination.DefaultGrace);
        var rest = await _remainingOutput;
        var summary = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("stopped ", StringComparison.Ordinal));
        return (_process.ExitCode, summary?.Trim());
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTermination.TerminateAsync(_process, ProcessTermination.DefaultGrace);
        _process.Dispose();
    }
}
