using System.CommandLine;
using System.Globalization;
using System.Net;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Units;
using PerfSuite.Report.Writing;
using PerfSuite.Runner;
using PerfSuite.Runner.Testbeds.ExistingLab;
using PerfSuite.Runner.Testbeds.Fleet;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite run</c>: measures every datapath the built-in lab can build, cell by cell, into a
/// results file a person and a CI gate can trust; with <c>--peer</c>, measures between this host and a
/// <c>perfsuite agent --listen</c> on another one instead (remote mode, docs/remote.md); with <c>--hosts</c>, builds every
/// path across several hosts' agents and measures every ordered pair (fleet mode, docs/fleet.md).</summary>
internal static class RunCommand
{
    private static readonly Option<string> PathsOption = new("--paths")
    {
        Description = "Datapaths to measure, comma-separated, or 'all' (paths this host cannot build are recorded as skipped)",
        DefaultValueFactory = _ => "all",
    };

    private static readonly Option<string> MtuOption = new("--mtu")
    {
        Description = "Underlay MTUs, comma-separated",
        DefaultValueFactory = _ => string.Join(',', RunSpec.DefaultMtus),
    };

    private static readonly Option<string> TestsOption = new("--tests")
    {
        Description = $"Tests, comma-separated ({string.Join(", ", TestKinds.All.Select(TestKinds.Name))})",
        DefaultValueFactory = _ => string.Join(',', RunSpec.DefaultTests.Select(TestKinds.Name)),
    };

    private static readonly Option<int> RepsOption = new("--reps")
    {
        Description = "Repetitions of every cell, interleaved across paths",
        DefaultValueFactory = _ => RunSpec.DefaultRepetitions,
    };

    private static readonly Option<string> DurationOption = new("--duration")
    {
        Description = "Measurement window of each cell (at least 1s)",
        DefaultValueFactory = _ => RunSpec.DefaultDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s",
    };

    private static readonly Option<string> WarmupOption = new("--warmup")
    {
        Description = "Warm-up before each window, left out of it (slow start)",
        DefaultValueFactory = _ => RunSpec.DefaultWarmup.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s",
    };

    private static readonly Option<int> StreamsOption = new("--streams")
    {
        Description = "Parallel streams (tcp-stream, udp-stream) or connections (tcp-rr, tcp-crr)",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<string?> UdpRateOption = new("--udp-rate")
    {
        Description = "udp-stream: offered load over all streams in bit/s of UDP payload, paced like iperf3 -b (1k..1t, e.g. 500m, 2g; "
            + "0 or none: as fast as the sender can, so loss measures overload)",
    };

    private static readonly Option<string> OffloadsOption = new("--offloads")
    {
        Description = $"Offload profiles, comma-separated ({string.Join(", ", OffloadProfiles.All.Select(p => p.Name))})",
        DefaultValueFactory = _ => OffloadProfiles.Default.Name,
    };

    private static readonly Option<string?> OutOption = new("--out")
    {
        Description = "Results file (default results/<UTC time>-<host>.json)",
    };

    private static readonly Option<bool> ForceOption = new("--force")
    {
        Description = "Replace the --out file if it exists",
    };

    private static readonly Option<string?> LabelOption = new("--label")
    {
        Description = "Names what is measured (a NIC, a kernel, a CNI version); stored in every cell",
    };

    private static readonly Option<string> NameOption = new("--name")
    {
        Description = "Name of the lab the run builds (namespaces ps-NAME-...); lets two runs coexist",
        DefaultValueFactory = _ => RunSpec.DefaultLabName,
    };

    private static readonly Option<string?> LabOption = new("--lab")
    {
        Description = "Measure the lab NAME that is already up (`perfsuite lab up --name NAME`) as it was built — its MTU and offload "
            + "profile — instead of building one; the lab stays up (--paths: which of its paths, default all)",
    };

    private static readonly Option<bool> ReportOption = new("--report")
    {
        Description = "Write the report (reports/<results name>/) as soon as the run ends",
    };

    private static readonly Option<string> CpusOption = new("--cpus")
    {
        Description = "Lab: CPUs of the agents: 'sender=0,receiver=1' (a CPU or a range like 2-3 each), 'auto' (sender on the first "
            + "usable CPU, receiver on the last, when the idle baseline shows the machine quiet) or 'none' (the scheduler chooses); "
            + "placed agents also get the receive queues (RPS) of their side of the path; recorded in every cell",
        DefaultValueFactory = _ => CpuPlacement.None,
    };

    private static readonly Option<string?> PrecisionOption = new("--precision")
    {
        Description = "Sequential repetitions: after --reps rounds, repeat only the cells whose median interval (at --confidence "
            + "coverage) is wider than ± this share of the median, until all are within it or --max-reps / --max-time is reached (e.g. 5%)",
    };

    private static readonly Option<string> ConfidenceOption = new("--confidence")
    {
        Description = "With --precision: the coverage the interval must have (at least 6 repetitions for 95%)",
        DefaultValueFactory = _ => "95%",
    };

    private static readonly Option<int> MaxRepsOption = new("--max-reps")
    {
        Description = "With --precision or --max-time: most repetitions of one cell",
        DefaultValueFactory = _ => PrecisionTarget.DefaultMaxRepetitions,
    };

    private static readonly Option<string?> MaxTimeOption = new("--max-time")
    {
        Description = "Most wall time of the whole run (e.g. 10m), shared equally by its labs (MTU × offloads): with --precision, where "
            + "the rounds stop; without it, a budget: after --reps rounds, repeat the cells whose intervals are widest while the time "
            + "lasts (the default run, no matrix option given, has a budget of 4m)",
    };

    private static readonly Option<string?> PeerOption = new("--peer")
    {
        Description = "Remote mode: HOST:PORT of a `perfsuite agent --listen` on another host; this host sends, that one receives, "
            + "each measures its own CPU; nothing is built (the path is 'host' unless --paths names one)",
    };

    private static readonly Option<string?> HostsOption = new("--hosts")
    {
        Description = "Fleet mode: ADDR:PORT of a `perfsuite agent --listen ... --allow-lab` on every host, comma-separated (at least two); "
            + "every path is built across them over the NIC under test, once per offload profile, and measured between every ordered pair (docs/fleet.md)",
    };

    private static readonly Option<int> ConcurrencyOption = new("--concurrency")
    {
        Description = "Fleet mode: ordered pairs of hosts measured at once, each host in at most one (1: one pair at a time)",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<string?> TokenOption = new("--token")
    {
        Description = $"The remote agent's token (default: ${RemoteTokens.EnvironmentVariable}, which keeps it out of the process list)",
    };

    private static readonly Option<string?> PeerDataAddressOption = new("--peer-data-address")
    {
        Description = "Remote mode: the agent's data address when it is not the --peer address (its --data-address); the runner sends nowhere else",
    };

    private static readonly Option<string?> NetnsOption = new("--netns")
    {
        Description = "Remote mode: network namespace (ip netns name) this host's side runs in; fleet mode: the one the runner reaches the agents from",
    };

    private static readonly Option<string> ConnectTimeoutOption = new("--connect-timeout")
    {
        Description = "Remote mode: how long reaching the agent may take before the peer is called unreachable",
        DefaultValueFactory = _ => "5s",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("run", "Measure every datapath of the built-in lab, between two hosts with --peer, or built across "
            + "hosts with --hosts: goodput, latency and CPU including softirq (remote mode: `perfsuite agent --listen ADDR:PORT --token T` "
            + "on the other host, docs/remote.md; fleet mode: agents with --allow-lab on every host, docs/fleet.md)")
        {
            PathsOption, MtuOption, TestsOption, RepsOption, DurationOption, WarmupOption, StreamsOption, UdpRateOption, OffloadsOption,
            OutOption, ForceOption, LabelOption, NameOption, LabOption, CpusOption, PrecisionOption, ConfidenceOption, MaxRepsOption, MaxTimeOption,
            PeerOption, PeerDataAddressOption, HostsOption, ConcurrencyOption, TokenOption, NetnsOption, ConnectTimeoutOption, ReportOption,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var hosts = ParseHosts(parse);
            var peer = hosts is null ? ParsePeer(parse) : null;
            var existing = ParseExistingLab(parse, remote: peer is not null);
            var spec = ParseSpec(parse, remote: peer is not null, existingLab: existing is not null, fleet: hosts is not null);
            using var interrupts = new InterruptSignals(cancellation);
            ITestbed? testbed = hosts is not null ? new FleetTestbed(spec, hosts, parse.GetValue(ConcurrencyOption))
                : peer is not null ? new RemoteTestbed(spec, peer)
                : existing is not null ? OpenExistingLab(spec, existing, pathsGiven: IsGiven(parse, PathsOption))
                : null;
            var cleaned = hosts is not null ? "every host's agent removed what it built and restored its NIC"
                : peer is not null ? "the local agent was stopped" : existing is not null ? $"lab '{existing}' is still up" : "the lab was removed";
            return await MeasureAsync(parse, spec, testbed, cleaned, stdout, stderr, interrupts.Token);
        });
        return command;
    }

    /// <summary>The options of a run's matrix and output that a fleet run takes, shared by <c>k8s run</c>.</summary>
    internal static IEnumerable<Option> FleetOptions =>
    [
        PathsOption, MtuOption, TestsOption, RepsOption, DurationOption, WarmupOption, StreamsOption, UdpRateOption, OffloadsOption,
        OutOption, ForceOption, LabelOption, PrecisionOption, ConfidenceOption, MaxRepsOption, MaxTimeOption, ConcurrencyOption,
        ConnectTimeoutOption, ReportOption,
    ];

    /// <summary>--concurrency and --connect-timeout of a fleet run, checked.</summary>
    internal static (int Concurrency, TimeSpan ConnectTimeout) ParseFleetConnection(ParseResult parse)
    {
        var concurrency = parse.GetValue(ConcurrencyOption);
        if (concurrency < 1)
            throw new UsageException($"--concurrency must be at least 1, not {concurrency}");
        return (concurrency, ParseDuration(parse.GetValue(ConnectTimeoutOption)!, "--connect-timeout", TimeSpan.FromMinutes(5)));
    }

    /// <summary>A fleet run's spec (its paths by default the fleet's, its MTU the NICs').</summary>
    internal static RunSpec ParseFleetSpec(ParseResult parse) => ParseSpec(parse, remote: false, existingLab: false, fleet: true);

    /// <summary>The spec of a run that builds the built-in lab (what <c>perfsuite run</c> does without --peer, --hosts or --lab).</summary>
    internal static RunSpec ParseLabSpec(ParseResult parse) => ParseSpec(parse, remote: false, existingLab: false, fleet: false);

    /// <summary>Runs the matrix on <paramref name="testbed"/> (the built-in lab when null), prints the summary and the
    /// report, and turns an interruption into its exit code with what was saved and <paramref name="cleaned"/>.</summary>
    internal static async Task<int> MeasureAsync(ParseResult parse, RunSpec spec, ITestbed? testbed, string cleaned, TextWriter stdout,
        TextWriter stderr, CancellationToken interrupt)
    {
        var progress = new ConsoleRunProgress(stdout, interactive: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        var runner = testbed is null ? new MatrixRunner(spec, progress) : new MatrixRunner(spec, progress, testbed);
        var commandLine = RemoteTokens.Redact(Environment.GetCommandLineArgs().Skip(1));
        try
        {
            var document = await Task.Run(() => runner.RunAsync(commandLine, interrupt), CancellationToken.None);
            progress.Done();
            var report = parse.GetValue(ReportOption);
            new RunSummaryWriter(stdout).Write(document, spec.OutputPath, report);
            if (report)
                new ReportRun(stdout).Execute(document, spec.OutputPath, ReportWriter.DefaultDirectoryFor(spec.OutputPath), force: false);
            return document.Cells.Any(c => c.Status == Model.Results.CellStatus.Failed) ? ExitCodes.CheckFailed : ExitCodes.Success;
        }
        catch (RunInterruptedException e)
        {
            progress.Done();
            stderr.WriteLine($"perfsuite: interrupted after {e.Document.Cells.Count} cells; they are saved in {spec.OutputPath}; {cleaned}");
            return InterruptSignals.ExitCode;
        }
        catch (OperationCanceledException)
        {
            progress.Done();
            stderr.WriteLine($"perfsuite: interrupted before any cell was measured; {cleaned}");
            return InterruptSignals.ExitCode;
        }
    }

    /// <summary>The fleet's hosts, or null when --hosts is not given; options of the other modes are refused.</summary>
    private static List<RemotePeer>? ParseHosts(ParseResult parse)
    {
        var text = parse.GetValue(HostsOption);
        if (text is null)
        {
            if (IsGiven(parse, ConcurrencyOption))
                throw new UsageException("--concurrency is for a fleet run (--hosts A:PORT,B:PORT,...)");
            return null;
        }
        foreach (var option in new Option[] { PeerOption, PeerDataAddressOption, NameOption, LabOption, CpusOption })
        {
            if (IsGiven(parse, option))
                throw new UsageException($"{option.Name} is not for a fleet run (--hosts)");
        }
        var netns = parse.GetValue(NetnsOption);
        var concurrency = parse.GetValue(ConcurrencyOption);
        if (concurrency < 1)
            throw new UsageException($"--concurrency must be at least 1, not {concurrency}");
        var token = RemoteTokens.Resolve(parse.GetValue(TokenOption))
            ?? throw new UsageException($"--hosts needs the agents' token: --token T or ${RemoteTokens.EnvironmentVariable}");
        var timeout = ParseDuration(parse.GetValue(ConnectTimeoutOption)!, "--connect-timeout", TimeSpan.FromMinutes(5));
        var hosts = SplitList(text, "--hosts").Select(h =>
        {
            try
            {
                return RemotePeer.Parse(h, token, netns, timeout);
            }
            catch (PerfSuiteException e)
            {
                throw new UsageException(e.Message.Replace("--peer", "--hosts", StringComparison.Ordinal));
            }
        }).ToList();
        if (hosts.Count < 2)
            throw new UsageException("--hosts needs at least two agents");
        if (hosts.Select(h => h.ToString()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != hosts.Count)
            throw new UsageException("--hosts: an agent is listed twice");
        return hosts;
    }

    /// <summary>The remote peer, or null for a lab run; options that belong to the other mode are refused.</summary>
    private static RemotePeer? ParsePeer(ParseResult parse)
    {
        var peer = parse.GetValue(PeerOption);
        if (peer is null)
        {
            foreach (var option in new Option[] { TokenOption, NetnsOption, ConnectTimeoutOption, PeerDataAddressOption })
            {
                if (IsGiven(parse, option))
                    throw new UsageException($"{option.Name} is for a remote run (--peer HOST:PORT)");
            }
            return null;
        }
        foreach (var option in new Option[] { MtuOption, OffloadsOption, NameOption, CpusOption })
        {
            if (IsGiven(parse, option))
                throw new UsageException($"{option.Name} is for the lab; a remote run measures the hosts as they are");
        }
        var token = RemoteTokens.Resolve(parse.GetValue(TokenOption))
            ?? throw new UsageException($"--peer needs the agent's token: --token T or ${RemoteTokens.EnvironmentVariable}");
        var timeout = ParseDuration(parse.GetValue(ConnectTimeoutOption)!, "--connect-timeout", TimeSpan.FromMinutes(10));
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
            throw new UsageException("--connect-timeout must be more than 0 and at most 5 minutes");
        try
        {
            IPAddress? dataAddress = null;
            if (parse.GetValue(PeerDataAddressOption) is { } text && !IPAddress.TryParse(text, out dataAddress))
                throw new UsageException($"--peer-data-address '{text}' is not an IP address");
            return RemotePeer.Parse(peer, token, parse.GetValue(NetnsOption), timeout) with { DataAddress = dataAddress };
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The name of the existing lab to measure (--lab), or null; options that build a lab are refused with it.</summary>
    private static string? ParseExistingLab(ParseResult parse, bool remote)
    {
        var lab = parse.GetValue(LabOption);
        if (lab is null)
            return null;
        if (remote)
            throw new UsageException("--lab measures a lab on this host; --peer measures between two hosts: give one of them");
        foreach (var option in new Option[] { MtuOption, OffloadsOption, NameOption })
        {
            if (IsGiven(parse, option))
                throw new UsageException($"{option.Name} builds a lab; --lab {lab} measures that lab as it was built (`perfsuite lab up --name {lab} ...` sets them)");
        }
        if (IsGiven(parse, CpusOption))
            throw new UsageException($"--cpus places the agents of a lab the run builds; --lab {lab} runs its agents where the kernel puts them");
        return lab;
    }

    /// <summary>The testbed of an existing lab, checked before anything runs: a lab that does not exist is bad input.</summary>
    private static ExistingLabTestbed OpenExistingLab(RunSpec spec, string lab, bool pathsGiven)
    {
        var testbed = new ExistingLabTestbed(spec, lab, pathsGiven);
        try
        {
            _ = testbed.State;
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
        return testbed;
    }

    private static bool IsGiven(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static RunSpec ParseSpec(ParseResult parse, bool remote, bool existingLab, bool fleet)
    {
        // A remote run measures one path, 'host' unless the user says what the two hosts' connection is; a fleet run
        // every path it builds across hosts unless told otherwise.
        var paths = remote && !IsGiven(parse, PathsOption) ? [Datapath.Host]
            : fleet && !IsGiven(parse, PathsOption) ? FleetTestbed.DefaultPaths
            : LabCommand.ParsePaths(parse.GetValue(PathsOption)!);
        // An existing lab has its own MTU and profile, as a remote run's hosts do; a fleet runs at its NICs' MTU.
        var mtus = remote || existingLab || (fleet && !IsGiven(parse, MtuOption)) ? [] : SplitList(parse.GetValue(MtuOption)!, "--mtu").Select(m =>
            int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var mtu)
                ? mtu
                : throw new UsageException($"--mtu: '{m}' is not an MTU in bytes")).ToList();
        var tests = SplitList(parse.GetValue(TestsOption)!, "--tests").Select(t =>
            TestKinds.TryParse(t, out var kind)
                ? kind
                : throw new UsageException($"--tests: unknown test '{t}' (known: {string.Join(", ", TestKinds.All.Select(TestKinds.Name))})")).Distinct().ToList();
        var offloads = SplitList(parse.GetValue(OffloadsOption)!, "--offloads").Select(OffloadProfiles.Parse).ToList();
        var duration = ParseDuration(parse.GetValue(DurationOption)!, "--duration", TimeSpan.FromHours(1));
        var warmup = parse.GetValue(WarmupOption)! is "0" or "0s" ? TimeSpan.Zero : ParseDuration(parse.GetValue(WarmupOption)!, "--warmup", TimeSpan.FromSeconds(60));
        var output = parse.GetValue(OutOption) ?? DefaultOutput();
        if (!parse.GetValue(ForceOption) && (File.Exists(output) || Directory.Exists(output)))
            throw new UsageException($"--out: {output} exists; pass --force to replace it");
        var udpRate = parse.GetValue(UdpRateOption) is { } rateText ? ParseUdpRate(rateText) : 0;
        var spec = new RunSpec(paths, mtus, tests, parse.GetValue(RepsOption), duration, warmup, parse.GetValue(StreamsOption),
            offloads, output, parse.GetValue(NameOption) ?? RunSpec.DefaultLabName, parse.GetValue(LabelOption), ParseCpus(parse), ParsePrecision(parse, labRun: !remote && !existingLab && !fleet), udpRate);
        if (remote && spec.Paths.Count != 1)
            throw new UsageException("--paths: a remote run measures the one path between two hosts");
        try
        {
            spec.Validate();
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
        return spec;
    }

    private static AgentCpus? ParseCpus(ParseResult parse)
    {
        try
        {
            var cpus = AgentCpus.Parse(parse.GetValue(CpusOption) ?? CpuPlacement.None);
            return cpus.Policy == CpuPlacement.None ? null : cpus;
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The options that shape a run's matrix: a run given none of them is the default run, which spends a
    /// budget of <see cref="PrecisionTarget.DefaultRunBudget"/>.</summary>
    private static readonly Option[] MatrixOptions =
        [PathsOption, MtuOption, TestsOption, OffloadsOption, RepsOption, DurationOption, WarmupOption, StreamsOption, UdpRateOption];

    /// <summary>The sequential-repetition target: --precision's; a time budget with --max-time alone, or for the default
    /// lab run; else null (and --confidence without --precision is refused).</summary>
    private static PrecisionTarget? ParsePrecision(ParseResult parse, bool labRun)
    {
        var maxTime = parse.GetValue(MaxTimeOption) is { } t ? ParseDuration(t, "--max-time", TimeSpan.FromHours(24)) : (TimeSpan?)null;
        if (parse.GetValue(PrecisionOption) is not { } text)
        {
            if (IsGiven(parse, ConfidenceOption))
                throw new UsageException("--confidence goes with --precision (e.g. --precision 5%)");
            if (maxTime is { } budget)
                return PrecisionTarget.Budget(budget, parse.GetValue(MaxRepsOption));
            if (IsGiven(parse, MaxRepsOption))
                throw new UsageException("--max-reps goes with --precision or --max-time (e.g. --precision 5% or --max-time 10m)");
            return labRun && !MatrixOptions.Any(o => IsGiven(parse, o)) ? PrecisionTarget.Budget(PrecisionTarget.DefaultRunBudget) : null;
        }
        return new PrecisionTarget(Percent(text, "--precision"), Percent(parse.GetValue(ConfidenceOption)!, "--confidence"),
            parse.GetValue(MaxRepsOption), maxTime);
    }

    private static double Percent(string text, string option)
    {
        try
        {
            return Quantities.ParsePercent(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    /// <summary>"0" as iperf3's -b 0: unpaced; otherwise a bit rate, its range checked with the spec.</summary>
    private static double ParseUdpRate(string text)
    {
        if (text.Trim() == "0")
            return 0;
        try
        {
            return Quantities.ParseBitRate(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--udp-rate: {e.Message}");
        }
    }

    /// <summary>results/&lt;UTC time&gt;-&lt;host&gt;.json under the working directory.</summary>
    public static string DefaultOutput() => Path.Combine("results",
        $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Environment.MachineName}.json");

    private static string FormatLimit(TimeSpan max) =>
        max.TotalHours >= 1 ? $"{max.TotalHours:0} h" : max.TotalMinutes >= 1 ? $"{max.TotalMinutes:0} min" : $"{max.TotalSeconds:0} s";

    private static List<string> SplitList(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return items.Count > 0 ? items : throw new UsageException($"{option}: nothing given");
    }

    /// <summary>Parses a duration option and checks its range here, before any lab is built.</summary>
    private static TimeSpan ParseDuration(string text, string option, TimeSpan max)
    {
        try
        {
            var value = Quantities.ParseDuration(text);
            return value <= max
                ? value
                : throw new UsageException($"{option}: '{text}' is longer than the {FormatLimit(max)} it may be");
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }
}
