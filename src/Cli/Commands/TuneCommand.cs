using System.CommandLine;
using System.Globalization;
using PerfSuite.Kernel;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Units;
using PerfSuite.Runner;
using PerfSuite.Runner.Testbeds.Lab;
using PerfSuite.Tune;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;
using PerfSuite.Tune.Verify;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite tune</c>: findings with evidence for one network namespace; with <c>--apply</c> the
/// changes, journaled before each is made; <c>tune rollback JOURNAL</c> undoes them. Exit 0 when everything
/// asked for was done, 1 when an applied change did not take, a rollback failed, or <c>--check</c> found something
/// to change; 2 for bad input.</summary>
internal static class TuneCommand
{
    private static readonly Option<string[]> IfaceOption = new("--iface")
    {
        Description = "Report (and apply) interface findings only for this interface (repeat for several); default: all",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
    };

    private static readonly Option<string?> NetnsOption = new("--netns")
    {
        Description = "Named network namespace (/run/netns/NAME) to tune instead of the caller's own",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<string?> PathOption = new("--path")
    {
        Description = $"Datapath in use, whose overhead sets the pod MTU ({string.Join(", ", Datapath.All.Select(d => d.Name))}); default: every datapath found",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<string?> LinkSpeedOption = new("--link-speed")
    {
        Description = "Link speed socket buffers are sized for (10g, 25g, 100g); default: the underlay's reported speed, else 10g",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<string> RttOption = new("--rtt")
    {
        Description = "Round-trip time between nodes that socket buffers are sized for (e.g. 500us is 0.5ms)",
        DefaultValueFactory = _ => "1ms",
    };

    private static readonly Option<bool> ApplyOption = new("--apply")
    {
        Description = "Make the changes of every 'apply' finding, journaled before each (needs root)",
    };

    private static readonly Option<string?> JournalOption = new("--journal")
    {
        Description = "Journal file for --apply; default: results/tune-<UTC time>-<namespace>.journal",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<bool> CheckOption = new("--check")
    {
        Description = "Exit 1 when a finding would change something (its action is apply or advise; measure is either way), for CI; changes nothing",
    };

    private static readonly Option<bool> VerifyOption = new("--verify")
    {
        Description = "With --apply: measure the path before and after each change and keep it only if it helps beyond the noise",
    };

    private static readonly Option<int> RepsOption = new("--reps")
    {
        Description = "With --verify: repetitions per state (before, after), interleaved",
        DefaultValueFactory = _ => 5,
    };

    private static readonly Option<string?> DurationOption = new("--duration")
    {
        Description = "With --verify: measurement window of each repetition (default: perfsuite run's, 1.5s)",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<OutputFormat> FormatOpt = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);

    private static readonly Argument<string> JournalArgument = new("JOURNAL")
    {
        Description = "The journal a 'tune --apply' wrote",
    };

    private static readonly Option<OutputFormat> RollbackFormatOpt = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("tune", "Find misconfigured MTUs, offloads, queues and sysctls; apply fixes through a journal")
        {
            IfaceOption, NetnsOption, PathOption, LinkSpeedOption, RttOption, ApplyOption, CheckOption, JournalOption, VerifyOption,
            RepsOption, DurationOption, FormatOpt,
        };
        command.Subcommands.Add(CreateRollback(stdout));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = ReadRequest(parse, out var format, out var duration);
            await using var measurer = request.Verify is null ? null : LabPathMeasurer.Open(request.Netns, request.Options.Path, duration);
            if (measurer is not null)
                request = request with { Verify = request.Verify! with { Path = measurer.Path.Name } };
            var report = await TuneSession.RunAsync(request, NamespaceTunableSystem.Open, measurer, cancellationToken);
            new TuneWriter(stdout).Write(report, format);
            if (parse.GetValue(CheckOption) && report.Findings.Any(f => f.Action != FindingAction.Measure))
                return ExitCodes.CheckFailed;
            return report.AllTookEffect ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static Command CreateRollback(TextWriter stdout)
    {
        var rollback = new Command("rollback", "Restore every value a 'tune --apply' journal recorded, newest first (safe to repeat)")
        {
            JournalArgument, RollbackFormatOpt,
        };
        rollback.SetAction(parse =>
        {
            RequireRoot("tune rollback");
            var report = TuneRollback.Run(parse.GetValue(JournalArgument)!, NamespaceTunableSystem.Open);
            new TuneWriter(stdout).Write(report, parse.GetValue(RollbackFormatOpt));
            return report.AllRestored ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return rollback;
    }

    private static TuneRequest ReadRequest(ParseResult parse, out OutputFormat format, out TimeSpan? duration)
    {
        format = parse.GetValue(FormatOpt);
        var interfaces = parse.GetValue(IfaceOption) ?? [];
        foreach (var name in interfaces)
        {
            if (InterfaceName.Problem(name) is { } problem)
                throw new UsageException($"--iface '{name}': {problem}");
        }
        var netns = parse.GetValue(NetnsOption);
        if (netns is not null)
        {
            NetworkNamespace.Validate(netns);
            if (!NetworkNamespace.Exists(netns))
                throw new UsageException($"--netns: no network namespace '{netns}' (see `ip netns list`)");
        }
        Datapath? path = null;
        if (parse.GetValue(PathOption) is { } pathName)
        {
            if (!Datapath.TryParse(pathName, out var parsed))
                throw new UsageException($"--path: unknown datapath '{pathName}' (known: {string.Join(", ", Datapath.All.Select(d => d.Name))})");
            path = parsed;
        }
        double? linkSpeed = null;
        TimeSpan rtt;
        duration = null;
        try
        {
            if (parse.GetValue(LinkSpeedOption) is { } speed)
                linkSpeed = Quantities.ParseBitRate(speed);
            rtt = ParseRtt(parse.GetValue(RttOption)!);
            if (parse.GetValue(DurationOption) is { } window)
                duration = Quantities.ParseDuration(window);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        var apply = parse.GetValue(ApplyOption);
        var verify = parse.GetValue(VerifyOption);
        var journal = parse.GetValue(JournalOption);
        if (journal is not null && !apply)
            throw new UsageException("--journal is only used with --apply; without --apply nothing is changed");
        if (apply && parse.GetValue(CheckOption))
            throw new UsageException("--check only reports, --apply changes: use one of them");
        if (verify && !apply)
            throw new UsageException("--verify changes the system to measure it; add --apply");
        if (duration is not null && !verify)
            throw new UsageException("--duration is the measurement window of --verify; add --verify");
        if (duration < RunSpec.MinimumDuration)
            throw new UsageException($"--duration must be at least {RunSpec.MinimumDuration.TotalSeconds:0} s, not {duration.Value.TotalSeconds:0.###} s");
        if (apply)
            RequireRoot("tune --apply");
        VerifyOptions? verifyOptions = null;
        if (verify)
        {
            verifyOptions = new VerifyOptions(path?.Name ?? "", parse.GetValue(RepsOption));
            verifyOptions.Validate();
        }
        var options = new TuneOptions(linkSpeed, rtt, path, interfaces);
        var journalPath = apply ? journal ?? DefaultJournalPath(netns) : null;
        return new TuneRequest(netns, options, apply, journalPath, ["perfsuite", .. parse.Tokens.Select(t => t.Value)], verifyOptions);
    }

    /// <summary>--rtt accepts what Quantities.ParseDuration does, plus microseconds ("500us").</summary>
    /// A round trip longer than 10 s is no network path buffers are sized for.
    private static TimeSpan ParseRtt(string text)
    {
        var trimmed = text.Trim();
        var rtt = trimmed.EndsWith("us", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(trimmed[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var micro) && micro > 0
            ? micro <= 10e6 ? TimeSpan.FromMicroseconds(micro) : TimeSpan.MaxValue
            : Quantities.ParseDuration(trimmed);
        return rtt <= TimeSpan.FromSeconds(10)
            ? rtt
            : throw new FormatException($"--rtt: '{text}' is longer than 10 s, beyond any network path");
    }

    private static void RequireRoot(string what)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new UsageException($"{what} changes network settings and needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN)");
    }

    private static string DefaultJournalPath(string? netns) =>
        Path.Combine("results", $"tune-{DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{netns ?? "host"}.journal");
}
