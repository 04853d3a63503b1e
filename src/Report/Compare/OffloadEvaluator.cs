using PerfSuite.Model.Probe;

namespace PerfSuite.Report.Compare;

/// <summary>Reads an interface's features as answers to "does the NIC do this for encapsulated traffic?".</summary>
internal static class OffloadEvaluator
{
    /// <param name="gap">Why there is no interface, when <paramref name="nic"/> is null.</param>
    public static OffloadCell Evaluate(OffloadAspect aspect, ComparedInterface? nic, string gap)
    {
        if (nic is null)
            return new OffloadCell(OffloadState.Unknown, null, gap);
        if (nic.Features.Count == 0)
            return new OffloadCell(OffloadState.Unknown, null, "no features in this input");
        var present = aspect.Features
            .Select(name => nic.Features.FirstOrDefault(f => f.Name == name))
            .OfType<FeatureState>()
            .ToList();
        if (present.FirstOrDefault(f => f.Active) is { } on)
            return new OffloadCell(nic.IsVirtual ? OffloadState.Deferred : OffloadState.Hardware, on.Name,
                $"{on.Name}: on{(on.Fixed ? " [fixed]" : "")}");
        if (present.FirstOrDefault(f => !f.Fixed) is { } changeable)
        {
            return new OffloadCell(OffloadState.Disabled, changeable.Name, changeable.Requested
                ? $"{changeable.Name}: off [requested on]: a dependency keeps it off"
                : $"{changeable.Name}: off, changeable (ethtool -K {nic.Name} {changeable.Name} on)");
        }
        if (present.Count > 0)
            return new OffloadCell(OffloadState.Unsupported, present[0].Name, $"{present[0].Name}: off [fixed]");
        return new OffloadCell(OffloadState.Absent, null, $"{aspect.Features[0]}: not in this kernel");
    }

    /// <summary>Who segments the encapsulation, decided by its segmentation aspect.</summary>
    public static (EncapsulationVerdict Verdict, string Explanation) Verdict(EncapsulationOffloads encapsulation, OffloadCell? segmentation, ComparedInterface? nic)
    {
        if (encapsulation.Segmentation is null)
            return (EncapsulationVerdict.Software, encapsulation.SoftwareReason ?? "no NIC offloads it");
        var cell = segmentation!;
        return cell.State switch
        {
            OffloadState.Hardware => (EncapsulationVerdict.Hardware, $"the NIC segments it ({cell.Feature} on)"),
            OffloadState.Deferred => (EncapsulationVerdict.Deferred,
                $"{nic!.Kind} device: it passes large packets on unsegmented ({cell.Feature} on); the device after it decides"),
            OffloadState.Disabled => (EncapsulationVerdict.SoftwareNicCapable,
                $"the kernel segments it in software although the device could: {cell.Text}"),
            OffloadState.Unsupported => (EncapsulationVerdict.Software, $"the kernel segments it in software: {cell.Text}"),
            OffloadState.Absent => (EncapsulationVerdict.Software,
                $"the kernel segments it in software: this kernel has no {encapsulation.Segmentation.Features[0]}"),
            _ => (EncapsulationVerdict.Unknown, cell.Text),
        };
    }
}
