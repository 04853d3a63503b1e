namespace PerfSuite.Lab.Fleet;

/// <summary>
/// What a fleet agent must undo, written before it changes anything: the lab it builds (every namespace and process
/// of it is named in the lab's own state under <c>ps-LAB-</c>), and for the NIC under test the state each feature had
/// before the run first changed it. An agent killed with SIGKILL finds this at its next start and undoes it
/// (<see cref="FleetSite.Repair"/>).
/// </summary>
/// <param name="HostNetns">The namespace the NIC lives in (the agent's --netns), null for the host's own.</param>
public sealed record FleetJournal(string Agent, string Lab, string? HostNetns, string Nic, IReadOnlyDictionary<string, bool> OriginalFeatures);
