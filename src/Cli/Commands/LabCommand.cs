using System.CommandLine;
using PerfSuite.Lab;
using PerfSuite.Lab.Fleet;
using PerfSuite.Lab.Offloads;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite lab up|down|list|clean</c>: the two-node cluster in network namespaces, one per datapath.</summary>
internal static class LabCommand
{

    private static readonly Option<string> PathsOption = new("--paths")
    {
        Description = $"Datapaths to build, comma-separated, or 'all' ({string.Join(", ", Datapath.All.Select(d => d.Name))})",
        DefaultValueFactory = _ => "all",
    };

    private static readonly Option<int> UnderlayMtuOption = new("--underlay-mtu")
    {
        Description = "MTU of the underlay wire between the nodes",
        DefaultValueFactory = _ => 1500,
    };

    private static readonly Option<int?> PodMtuOption = new("--pod-mtu")
    {
        Description = "Pod MTU instead of underlay − overhead: a misconfiguration experiment (flagged as such)",
    };

    private static readonly Option<int> PodsPerNodeOption = new("--pods-per-node")
    {
        Description = "Pods on each node",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<string> OffloadsOption = new("--offloads")
    {
        Description = $"Offload profile for underlay and tunnel devices ({string.Join(", ", OffloadProfiles.All.Select(p => p.Name))})",
        DefaultValueFactory = _ => OffloadProfiles.Default.Name,
    };

    private static readonly Option<string> NameOption = new("--name")
    {
        Description = "Lab name: lowercase letters and digits, at most 8 (namespaces are ps-NAME-...)",
        DefaultValueFactory = _ => LabNaming.DefaultLabName,
    };

    private static readonly Argument<string> NameArgument = new("NAME")
    {
        Description = "Lab name",
        DefaultValueFactory = _ => LabNaming.DefaultLabName,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var lab = new Command("lab", "Build, list and remove labs: two-node clusters in network namespaces, one per datapath");
        lab.Subcommands.Add(CreateUp(stdout, stderr));
        lab.Subcommands.Add(CreateDown(stdout));
        lab.Subcommands.Add(CreateList(stdout));
        lab.Subcommands.Add(CreateClean(stdout));
        return lab;
    }

    private static Command CreateUp(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("up", "Build the lab, verify every path, print what was built and leave it running")
        {
            PathsOption, UnderlayMtuOption, PodMtuOption, PodsPerNodeOption, OffloadsOption, NameOption,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var spec = ParseSpec(parse);
            LabInstance lab;
            // Ctrl-C and SIGTERM cancel the build, which then removes what it made. Once the build has finished the lab
            // is the user's: a signal while it is printed changes nothing.
            using var interrupts = new InterruptSignals(cancellation);
            try
            {
                lab = await Task.Run(() => LabInstance.UpAsync(spec, new LabServices(), interrupts.Token), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: LabInstance.Up removed what it had made before this exception left it.
                stderr.WriteLine($"perfsuite: interrupted; lab '{spec.Name}' was removed");
                return InterruptSignals.ExitCode;
            }
            new LabWriter(stdout).WriteUp(lab);
            return lab.Paths.Any(p => p.Status == LabPathStatus.Failed) ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateDown(TextWriter stdout)
    {
        var command = new Command("down", "Remove a lab: its processes, namespaces and state") { NameArgument };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(NameArgument)!;
            ValidateName(name);
            if (!Environment.IsPrivilegedProcess)
                throw new UsageException("lab down needs root: it removes network namespaces and the lab's processes (CAP_SYS_ADMIN)");
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var removed = LabCleaner.Default.Remove(name);
            stdout.WriteLine(removed
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"lab '{name}' removed in {stopwatch.Elapsed.TotalSeconds:0.000} s")
                : $"no lab '{name}': nothing to remove");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(TextWriter stdout)
    {
        var command = new Command("list", "List labs and their paths");
        command.SetAction(_ =>
        {
            new LabWriter(stdout).WriteList(LabCleaner.Default.Store);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateClean(TextWriter stdout)
    {
        var command = new Command("clean", "Remove every lab not in use by another running PerfSuite process, and what dead runs left; " +
            "for a fleet agent (agent --allow-lab) that died mid-run, also restore its NIC's features from its journal and remove what its run built");
        command.SetAction(_ =>
        {
            foreach (var journal in FleetSite.RepairAbandoned(FleetJournalStore.Default, LabCleaner.Default))
            {
                stdout.WriteLine(journal.Repaired is { } repaired
                    ? $"repaired fleet host '{journal.Agent}' (its agent is gone): {repaired}"
                    : $"left alone: fleet host '{journal.Agent}', lab '{journal.Lab}': its agent is running and restores its NIC itself when the run ends");
            }
            var removed = LabCleaner.Default.RemoveUnused();
            stdout.WriteLine(removed.Count == 0 ? "no lab to remove" : $"removed: {string.Join(", ", removed)}");
            foreach (var name in LabCleaner.Default.Store.Names())
            {
                if (LabCleaner.Default.Store.Load(name) is { } state)
                    stdout.WriteLine($"left alone: '{name}', in use by process {state.OwnerPid} (`perfsuite lab down {name}` removes it anyway)");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static LabSpec ParseSpec(ParseResult parse)
    {
        var name = parse.GetValue(NameOption)!;
        ValidateName(name);
        var paths = ParsePaths(parse.GetValue(PathsOption)!);
        OffloadProfile offloads;
        try
        {
            offloads = OffloadProfiles.Parse(parse.GetValue(OffloadsOption)!);
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException($"--offloads: {e.Message}");
        }
        var spec = new LabSpec(name, paths, parse.GetValue(UnderlayMtuOption), parse.GetValue(PodMtuOption),
            parse.GetValue(PodsPerNodeOption), offloads, Verify: true, Persistent: true);
        try
        {
            spec.Validate();
        }
        catch (PerfSuiteException e) when (e.Reason == ErrorReason.InvalidArgument)
        {
            throw new UsageException(e.Message);
        }
        return spec;
    }

    internal static List<Datapath> ParsePaths(string text)
    {
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
            return [.. Datapath.All];
        var paths = new List<Datapath>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Datapath.TryParse(name, out var datapath))
                throw new UsageException($"--paths: unknown datapath '{name}' (known: {string.Join(", ", Datapath.All.Select(d => d.Name))}, or all)");
            if (!paths.Contains(datapath))
                paths.Add(datapath);
        }
        if (paths.Count == 0)
            throw new UsageException("--paths: no datapath given");
        return paths;
    }

    private static void ValidateName(string name)
    {
        try
        {
            LabNaming.Validate(name);
        }
        catch (PerfSuiteException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
