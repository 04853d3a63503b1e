namespace PerfSuite.Lab.Offloads;

/// <summary>Sets offload features of one device in one namespace and says what happened to each. The lab asks
/// it for every underlay and tunnel device when a profile changes anything.</summary>
public interface IOffloadApplier
{
    OffloadApplication Apply(string netns, string device, IReadOnlyDictionary<string, bool> changes);
}
