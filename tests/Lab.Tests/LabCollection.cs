namespace PerfSuite.Lab.Tests;

/// <summary>Lab tests run one after another: each builds dozens of namespaces, and two cores are shared.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection
{
    public const string Name = "lab";
}
