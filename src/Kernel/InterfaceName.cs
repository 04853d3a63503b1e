namespace PerfSuite.Kernel;

/// <summary>The one check of an interface name the kernel would accept (dev_valid_name in net/core/dev.c).</summary>
public static class InterfaceName
{
    /// <summary>Throws a <see cref="Model.Errors.PerfSuiteException"/> with reason InvalidArgument, naming the
    /// problem, when <paramref name="name"/> is not a valid interface name.</summary>
    public static void Validate(string name) => Interop.ValidateInterfaceName(name);
}
