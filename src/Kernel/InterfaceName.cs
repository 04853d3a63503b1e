using System.Text;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel;

/// <summary>
/// The one check of interface names. <see cref="Validate"/> is what the kernel could look up (1 to IFNAMSIZ − 1
/// bytes; a longer name would be truncated silently into <c>ifr_name</c>). <see cref="ValidateNew"/> adds what
/// the kernel refuses when a device is created or named in a path (dev_valid_name in net/core/dev.c: no '/', ':'
/// or white space, not "." or ".."). Lookups keep the looser rule: SIOCETHTOOL on "eth0:1" means eth0.
/// </summary>
public static class InterfaceName
{
    /// <summary>The longest name in bytes: IFNAMSIZ less its NUL.</summary>
    public const int MaxBytes = Interop.IFNAMSIZ - 1;

    /// <summary>What is wrong with <paramref name="name"/> as the name of an existing interface, or null.</summary>
    public static string? Problem(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        return length is 0 or > MaxBytes ? $"an interface name has 1 to {MaxBytes} bytes, not {length}" : null;
    }

    /// <summary>What is wrong with <paramref name="name"/> as the name of a new interface, or null.</summary>
    public static string? NewNameProblem(string name) =>
        Problem(name) ?? (name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c))
            ? "an interface name has no '/', ':' or white space and is not '.' or '..'"
            : null);

    /// <summary>Throws a <see cref="PerfSuiteException"/> with reason InvalidArgument, naming the problem, when the
    /// kernel could not hold <paramref name="name"/>.</summary>
    public static void Validate(string name) => Throw(name, Problem(name));

    /// <summary>Like <see cref="Validate"/>, and also refuses names the kernel does not give a new device.</summary>
    public static void ValidateNew(string name) => Throw(name, NewNameProblem(name));

    private static void Throw(string name, string? problem)
    {
        if (problem is not null)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{name}': {problem}");
    }
}
