using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab;
using PerfSuite.Lab.Fleet;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite agent</c>: serves traffic tests to a runner, over a Unix socket (lab) or TCP with a token
/// (remote mode), until it is told to shut down or gets SIGINT/SIGTERM.</summary>
internal static class AgentCommand
{
    private static readonly Option<string?> ControlOption = new("--control")
    {
        Description = "Unix socket to serve the control protocol on (lab mode)",
    };

    private static readonly Option<string?> ListenOption = new("--listen")
    {
        Description = "ADDR:PORT to serve the control protocol on (remote mode; needs --token; port 0 picks one)",
    };

    private static readonly Option<string?> TokenOption = new("--token")
    {
        Description = $"Shared secret a remote runner must present (default: ${RemoteTokens.EnvironmentVariable}, which keeps it out of the process list)",
    };

    private static readonly Option<string?> NetnsOption = new("--netns")
    {
        Description = "Network namespace (ip netns name) to create every socket in",
    };

    private static readonly Option<int> DataPortOption = new("--data-port")
    {
        Description = "Fixed port for test traffic (firewalls); 0 picks one per test",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<string?> DataAddressOption = new("--data-address")
    {
        Description = "Address test traffic binds to (default: the --listen address, or any address in lab mode)",
    };

    private static readonly Option<bool> AllowSendOption = new("--allow-send")
    {
        Description = "Remote mode: let a runner make this agent send test traffic (off: it only receives, so the token "
            + "cannot aim it at other hosts)",
    };

    private static readonly Option<bool> AllowSendLocalOption = new("--allow-send-local")
    {
        Description = "With --allow-send: let a runner aim this agent at its own host (loopback) or link-local addresses too",
    };

    private static readonly Option<bool> AllowLabOption = new("--allow-lab")
    {
        Description = "Remote mode: let a fleet runner (`run --hosts`) build datapaths in ps-… namespaces here and change the NIC "
            + "under test's offloads for the length of its run; all of it is undone when the run ends or its runner disappears (docs/fleet.md)",
    };

    private static readonly Option<string?> NameOption = new("--name")
    {
        Description = "With --allow-lab: this host's name in fleet results (default: the hostname)",
    };

    private static readonly Option<string?> NicOption = new("--nic")
    {
        Description = "With --allow-lab: the NIC under test (default: the interface of the kernel's route to the run's next host)",
    };

    private static readonly Option<double> MaxDurationOption = new("--max-duration")
    {
        Description = "Longest test window the agent accepts, in seconds",
        DefaultValueFactory = _ => TestLimits.Default.MaxDurationSeconds,
    };

    private static readonly Option<string?> OwnerOption = new("--owner")
    {
        Description = "PID:STARTTIME (field 22 of /proc/PID/stat) of the process this agent serves: the agent exits when "
            + "it ends, even by SIGKILL (runners pass their own)",
    };

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("agent", "Serve traffic tests to a runner (lab: --control PATH; remote mode: --listen ADDR:PORT --token T on host B, then `perfsuite run --peer B:PORT` on host A; see docs/remote.md; fleet: add --allow-lab on every host, then `perfsuite run --hosts A:PORT,B:PORT,...`, see docs/fleet.md)")
        {
            ControlOption, ListenOption, TokenOption, NetnsOption, DataPortOption, DataAddressOption, MaxDurationOption, AllowSendOption, AllowSendLocalOption, OwnerOption,
            AllowLabOption, NameOption, NicOption,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var control = parse.GetValue(ControlOption);
            var listen = parse.GetValue(ListenOption);
            var token = parse.GetValue(TokenOption);
            if (listen is not null)
                token = RemoteTokens.Resolve(token);
            if ((control is null) == (listen is null))
                throw new UsageException("give exactly one of --control PATH and --listen ADDR:PORT");
            if (control is not null)
                ValidateControlPath(control);
            IPEndPoint? endPoint = null;
            if (listen is not null)
            {
                if (!IPEndPoint.TryParse(listen, out endPoint) || !listen.Contains(':', StringComparison.Ordinal))
                    throw new UsageException($"--listen wants ADDR:PORT, not '{listen}'");
                if (string.IsNullOrEmpty(token))
                    throw new UsageException($"--listen needs --token (or ${RemoteTokens.EnvironmentVariable}): a remote agent serves only runners that know it");
                if (token.Length < RemoteTokens.MinimumLength)
                    throw new UsageException($"--token: {token.Length} characters are too few to resist guessing; use at least {RemoteTokens.MinimumLength} (for example `openssl rand -hex 16`)");
            }
            else if (token is not null)
            {
                throw new UsageException("--token is for --listen; a Unix socket is protected by its file mode");
            }
            else if (parse.GetValue(AllowSendOption))
            {
                throw new UsageException("--allow-send is for --listen; a lab agent always sends when asked");
            }
            else if (parse.GetValue(AllowLabOption))
            {
                throw new UsageException("--allow-lab is for --listen: fleet runners reach agents over TCP");
            }
            if (parse.GetValue(AllowSendLocalOption) && !parse.GetValue(AllowSendOption))
                throw new UsageException("--allow-send-local widens --allow-send: give both");
            var site = parse.GetValue(AllowLabOption) ? FleetSiteOf(parse) : null;
            if (site is null && (parse.GetValue(NameOption) is not null || parse.GetValue(NicOption) is not null))
                throw new UsageException("--name and --nic are for --allow-lab");
            var dataPort = parse.GetValue(DataPortOption);
            if (dataPort is < 0 or > 65535)
                throw new UsageException($"--data-port must be 0..65535, not {dataPort}");
            IPAddress? dataAddress = null;
            if (parse.GetValue(DataAddressOption) is { } text && !IPAddress.TryParse(text, out dataAddress))
                throw new UsageException($"--data-address '{text}' is not an IP address");
            var maxDuration = parse.GetValue(MaxDurationOption);
            if (!double.IsFinite(maxDuration) || maxDuration < 1)
                throw new UsageException($"--max-duration must be at least 1 second, not {maxDuration.ToString(CultureInfo.InvariantCulture)}");
            ProcessIdentity? owner = null;
            if (parse.GetValue(OwnerOption) is { } ownerText)
            {
                owner = ProcessIdentity.TryParse(ownerText)
                    ?? throw new UsageException($"--owner wants PID:STARTTIME, not '{ownerText}'");
                if (!owner.IsAlive)
                    throw new UsageException($"--owner: process {owner.Pid} (start time {owner.StartTime}) is not running");
            }
            var options = new AgentOptions
            {
                Token = token,
                Netns = parse.GetValue(NetnsOption),
                DataAddress = dataAddress,
                DataPort = dataPort,
                AllowSend = parse.GetValue(AllowSendOption),
                AllowSendLocal = parse.GetValue(AllowSendLocalOption),
                Lab = site,
                Limits = TestLimits.Default with { MaxDurationSeconds = maxDuration },
            };
            await new AgentProcess(stdout).RunAsync(control, endPoint, options, owner, cancel);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The fleet site of an --allow-lab agent, after repairing what a killed agent of the same name left.</summary>
    private static FleetSite FleetSiteOf(ParseResult parse)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new UsageException("--allow-lab needs root: the agent creates network namespaces and changes NIC features");
        var name = parse.GetValue(NameOption) ?? Environment.MachineName;
        if (name.Length is 0 or > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || name[0] == '.')
            throw new UsageException($"--name '{name}': use 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'");
        var netns = parse.GetValue(NetnsOption);
        var nic = parse.GetValue(NicOption);
        if (nic is not null)
        {
            try
            {
                using var client = Kernel.Netlink.RtnetlinkClient.Open(netns);
                _ = client.GetLink(nic);
            }
            catch (Model.Errors.PerfSuiteException e)
            {
                throw new UsageException($"--nic {nic}: {e.Message}");
            }
        }
        return new FleetSite(name, netns, nic, FleetJournalStore.Default, LabCleaner.Default);
    }

    /// <summary>sun_path holds 108 bytes with its terminating NUL (linux/un.h UNIX_PATH_MAX).</summary>
    private static void ValidateControlPath(string path)
    {
        if (path.Length == 0)
            throw new UsageException("--control: the socket path is empty");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(path);
        if (bytes > 107)
            throw new UsageException($"--control: the socket path is {bytes} bytes; a Unix socket path has at most 107");
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new UsageException("--control: the socket path contains a NUL byte");
    }
}

/// <summary>Runs an <see cref="AgentServer"/> in the foreground: prints one line when it is ready (runners and tests
/// wait for it), and stops on SIGINT, SIGTERM, a shutdown request or the end of its owner process.</summary>
internal sealed class AgentProcess(TextWriter output)
{
    public async Task RunAsync(string? controlPath, IPEndPoint? endPoint, AgentOptions options, ProcessIdentity? owner,
        CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (owner is not null)
            _ = StopWhenEndedAsync(owner, stop);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        // Held while the agent runs: one agent per name and journal on a host, and `lab clean` leaves a running
        // agent's journal alone.
        using var claim = options.Lab is { } named ? FleetJournalStore.Default.Claim(named.Agent) : null;
        // Before serving: what a killed agent of this name left (its journal) is undone first.
        var repaired = options.Lab is { } site ? FleetSite.Repair(FleetJournalStore.Default, site.Agent, LabCleaner.Default) : null;
        await using (var server = controlPath is not null
            ? AgentServer.ListenUnix(controlPath, options)
            : AgentServer.ListenTcp(endPoint!, options))
        {
            var netns = options.Netns is null ? "" : $", netns {options.Netns}";
            if (options.Lab is { } lab)
                netns += $", lab allowed as '{lab.Agent}'";
            await output.WriteLineAsync($"perfsuite agent listening on {server.ControlAddress} (pid {Environment.ProcessId}{netns})");
            if (repaired is not null)
                await output.WriteLineAsync($"perfsuite agent: repaired what a killed agent named {options.Lab!.Agent} left: {repaired}");
            await output.FlushAsync(CancellationToken.None);
            await server.RunAsync(stop.Token);
        }
        // Stopped (SIGTERM, Ctrl-C, its owner gone) and its run, if any, ended with the server: the name's lock file
        // goes too. A killed agent's stays, empty and unlocked, for the next one to take.
        if (claim is not null)
            FleetJournalStore.Release(claim, FleetJournalStore.Default);
    }

    private static async Task StopWhenEndedAsync(ProcessIdentity owner, CancellationTokenSource stop)
    {
        try
        {
            await ProcessExitWatch.WhenEndedAsync(owner, stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Console.Error.WriteLineAsync($"perfsuite agent: owner process {owner.Pid} ended; stopping");
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The agent stopped on its own meanwhile.
        }
    }
}
