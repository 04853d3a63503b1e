namespace PerfSuite.Tune.Findings;

/// <summary>What a finding is about: an interface by name, a sysctl by key, a route by destination and device.</summary>
public sealed record FindingSubject(SubjectKind Kind, string Name)
{
    public static FindingSubject Interface(string name) => new(SubjectKind.Interface, name);

    public static FindingSubject Sysctl(string key) => new(SubjectKind.Sysctl, key);

    public static FindingSubject Route(string destination, string? device) =>
        new(SubjectKind.Route, device is null ? destination : $"{destination} dev {device}");

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}";
}

public enum SubjectKind
{
    Interface,
    Sysctl,
    Route,
}
