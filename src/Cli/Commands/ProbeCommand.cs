using System.CommandLine;
using PerfSuite.Kernel;
using PerfSuite.Probe.Facts;
using PerfSuite.Probe.Snapshots;
using PerfSuite.Probe.Topology;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite probe</c>: what the NICs of a network namespace offload, read through SIOCETHTOOL and
/// rtnetlink.</summary>
internal static class ProbeCommand
{
    private static readonly Option<string[]> IfaceOption = new("--iface")
    {
        Description = "Interface to probe (repeat for several); default: every interface",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
    };

    private static readonly Option<string?> NetnsOption = new("--netns")
    {
        Description = "Named network namespace (/run/netns/NAME) to probe instead of the caller's own",
        DefaultValueFactory = _ => null,
    };

    private static readonly Option<bool> AuditOption = new("--audit")
    {
        Description = "Also audit the pod network (read only): underlay, CNI, tunnel devices and every MTU that does not fit (perfsuite tune proposes the fixes)",
    };

    private static readonly Option<OutputFormat> FormatOpt =
        FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.EthtoolK);

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("probe", "NIC offloads, driver, link, rings, channels and coalescing of each interface")
        {
            IfaceOption, NetnsOption, AuditOption, FormatOpt,
        };
        command.SetAction(parse =>
        {
            var interfaces = parse.GetValue(IfaceOption) ?? [];
            foreach (var name in interfaces)
            {
                if (InterfaceName.Problem(name) is { } problem)
                    throw new UsageException($"--iface '{name}': {problem}");
            }
            var netns = parse.GetValue(NetnsOption);
            var document = InterfaceProber.Probe(netns, interfaces);
            if (parse.GetValue(AuditOption))
                document = document with { Audit = MtuAudit.Report(NetworkFactsCollector.Collect(netns), interfaces) };
            new ProbeWriter(stdout).Write(document, parse.GetValue(FormatOpt));
            return ExitCodes.Success;
        });
        return command;
    }
}
