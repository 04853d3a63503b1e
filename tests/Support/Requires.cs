using System.Diagnostics.CodeAnalysis;

namespace PerfSuite.Tests.Support;

/// <summary>
/// What a test needs from the machine, checked first thing. On a workstation a missing prerequisite skips the test
/// with its reason. Under CI (<c>CI=true</c>, set by <c>.ci/run</c> and by CI services, which run the suite as root with
/// every test package installed) it fails the test instead: a prerequisite CI lost is a red build, never a quiet skip.
/// The skips CI expects on its own machine (a kernel module it has or lacks, the UML-only tests) are not
/// prerequisites: they are in <see cref="HostSkips"/>, each with its reason.
/// </summary>
public static class Requires
{
    /// <summary>True when <c>$CI</c> is <c>true</c> or <c>1</c>, as CI services set it.</summary>
    public static bool UnderCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci == "1" || ci.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Root, for <paramref name="why"/> (network namespaces, the lab, switching users).</summary>
    public static void Root(string why) => That(Environment.IsPrivilegedProcess, $"needs root ({why})");

    /// <summary>A prerequisite: skips with <paramref name="reason"/> when <paramref name="met"/> is false, or fails
    /// under CI.</summary>
    public static void That([DoesNotReturnIf(false)] bool met, string reason)
    {
        if (met)
            return;
        if (UnderCi)
            Assert.Fail($"{reason}; under CI=true a test whose prerequisite is missing fails instead of skipping");
        Assert.Skip(reason);
    }
}
