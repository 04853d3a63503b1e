using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support;

/// <summary>A uniquely named namespace for one test, deleted on Dispose even when the test fails.
/// Skips the test when not root.</summary>
public sealed class ScratchNamespace : IDisposable
{
    public ScratchNamespace()
    {
        RequireRoot();
        Name = "ps-t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        NetworkNamespace.Create(Name);
    }

    public string Name { get; }

    public static void RequireRoot() =>
        Requires.Root("network namespaces");

    /// <summary>Runs <c>ip ARGS</c> inside this namespace.</summary>
    public string Ip(params string[] args) => Shell.Run("ip", ["-n", Name, .. args]);

    public void Dispose() => NetworkNamespace.Delete(Name, ignoreMissing: true);
}
