namespace PerfSuite.Model.Statistics;

/// <summary>How one host compares with the rest of a fleet at one end of its pairs, from
/// <see cref="FleetOutlierRule.Contrast"/>.</summary>
/// <param name="Host">Index of the host.</param>
/// <param name="LogRatio">Median, over its peers, of the mean log difference on the pairs it shares with each: ln of
/// the host's value over the fleet's.</param>
/// <param name="PValue">The host's p-value for "no different from the fleet": the majority-th smallest of its
/// per-peer p-values in the direction of <see cref="LogRatio"/>, times peers / majority; 1 when fewer than a
/// majority of peers differ in that direction.</param>
/// <param name="Peers">Peers with at least one shared pair.</param>
/// <param name="PeersDiffering">Peers whose contrast is in the direction of <see cref="LogRatio"/> with a per-peer
/// p-value of at most <see cref="FleetOutlierRule.NominalLevel"/>.</param>
/// <param name="Pairs">The host's own pairs (in this role) that carry values.</param>
public readonly record struct HostContrast(int Host, double LogRatio, double PValue, int Peers, int PeersDiffering, int Pairs);
