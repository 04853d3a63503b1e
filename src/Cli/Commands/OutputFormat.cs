namespace PerfSuite.Cli.Commands;

/// <summary>The <c>--format</c> values shared by commands that print data.</summary>
public enum OutputFormat
{
    Table,
    Json,
    EthtoolK,
}
