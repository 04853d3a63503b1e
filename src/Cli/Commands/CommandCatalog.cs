using System.CommandLine;

namespace PerfSuite.Cli.Commands;

/// <summary>Every top-level command, in the order <c>--help</c> lists them. Add a command here and nowhere else.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(TextWriter stdout, TextWriter stderr)
    {
        yield return ProbeCommand.Create(stdout);
        yield return CeilingCommand.Create(stdout);
        yield return LabCommand.Create(stdout, stderr);
        yield return RunCommand.Create(stdout, stderr);
        yield return ReportCommand.Create(stdout);
        yield return ResultsCommand.Create(stdout);
        yield return GateCommand.Create(stdout);
        yield return CompareCommand.Create(stdout);
        yield return AgentCommand.Create(stdout);
        yield return K8sCommand.Create(stdout, stderr);
        yield return TunnelCommand.Create(stdout);
        yield return TuneCommand.Create(stdout);
    }
}
