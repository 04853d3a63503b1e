namespace PerfSuite.EndToEnd.Tests.Lab;

/// <summary>Tests that build labs run one after another: <c>lab clean</c> removes every lab this process owns,
/// so a lab test running beside it would lose its lab. Any other test here that builds a lab joins this collection.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection
{
    public const string Name = "lab";
}
