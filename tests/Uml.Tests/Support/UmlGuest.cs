namespace PerfSuite.Uml.Tests.Support;

/// <summary>Whether these tests run inside User-Mode Linux, where the kernel has the modules this machine's kernel
/// lacks (ipip, geneve, dummy, sch_netem). Tests that need it carry <c>[Trait(UmlGuest.Trait, UmlGuest.Category)]</c>:
/// <c>./run-tests</c> runs them in one UML boot (scripts/uml-run) and leaves them out of the host pass.</summary>
internal static class UmlGuest
{
    public const string Trait = "Category";
    public const string Category = "Uml";

    /// <summary>UML's /proc/cpuinfo says <c>vendor_id : User Mode Linux</c>; no other kernel does.</summary>
    public static bool IsInside =>
        File.Exists("/proc/cpuinfo") && File.ReadAllText("/proc/cpuinfo").Contains("User Mode Linux", StringComparison.Ordinal);

    public static void Require()
    {
        HostSkips.UnlessInsideUml(IsInside);
        Requires.Root("inside UML");
    }
}
