using PerfSuite.LoadGen.Lab;

namespace PerfSuite.Cli.Commands;

/// <summary>The services the CLI builds labs with: the default datapath builders and state directory.</summary>
internal static class LabServicesFactory
{
    public static LabServices Create() => new();
}
